//! A mixed-integer linear program in plain data, and the [`Solver`] trait that solves one.
//!
//! The formulation ([`crate::formulate`]) writes a [`Program`]; a solver turns it into values.
//! Keeping the program as data makes the solver swappable (HiGHS today, through `good_lp`; CBC or
//! another backend behind the same trait) and lets tests inspect what was built. This module
//! holds no knowledge of guarantees, and no solving algorithm of its own: no hand-written branch
//! and bound, only calls into a maintained solver.

use good_lp::{Expression, ProblemVariables, Solution, SolverModel, variable};

/// A decision variable: `lower ≤ x ≤ upper`, integer or continuous, with its objective coefficient.
#[derive(Debug, Clone, PartialEq)]
pub struct Var {
    pub lower: f64,
    pub upper: f64,
    pub integer: bool,
    /// Coefficient in the objective (minimised).
    pub cost: f64,
}

/// A linear row: `lower ≤ Σ coefficient × x ≤ upper` (either side may be infinite).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub terms: Vec<(usize, f64)>,
    pub lower: f64,
    pub upper: f64,
}

/// Minimise `Σ cost × x` over the rows and bounds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Program {
    pub vars: Vec<Var>,
    pub rows: Vec<Row>,
    /// Rows that hold an earlier lexicographic phase at its optimum (see `formulate::phase`).
    pub fixed: Vec<usize>,
}

impl Program {
    /// Adds a variable and returns its index.
    pub fn var(&mut self, lower: f64, upper: f64, integer: bool, cost: f64) -> usize {
        self.vars.push(Var {
            lower,
            upper,
            integer,
            cost,
        });
        self.vars.len() - 1
    }

    /// Adds a row `lower ≤ Σ terms ≤ upper`.
    pub fn row(&mut self, terms: Vec<(usize, f64)>, lower: f64, upper: f64) {
        self.rows.push(Row {
            terms,
            lower,
            upper,
        });
    }

    /// The objective at a point.
    pub fn objective(&self, values: &[f64]) -> f64 {
        self.vars.iter().zip(values).map(|(v, x)| v.cost * x).sum()
    }
}

/// Why a solver returned no values.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SolveError {
    /// No point satisfies the rows. The allocation's programs are elastic, so this means a bug.
    #[error("the program has no feasible point")]
    Infeasible,
    #[error("the program is unbounded")]
    Unbounded,
    #[error("the solver failed: {0}")]
    Failed(String),
}

/// Something that finds an optimal point of a [`Program`].
pub trait Solver {
    /// Short name for reports (`highs`).
    fn name(&self) -> &'static str;
    /// Values of every variable at an optimum, integer variables rounded to whole numbers.
    ///
    /// # Errors
    /// When the program is infeasible or unbounded, or the solver fails.
    fn solve(&self, program: &Program) -> Result<Vec<f64>, SolveError>;
}

/// HiGHS (<https://highs.dev>), a maintained open-source MILP solver, through `good_lp`.
///
/// Runs single-threaded so that results and timings do not depend on the machine's load.
#[derive(Debug, Clone, Copy, Default)]
pub struct Highs;

impl Solver for Highs {
    fn name(&self) -> &'static str {
        "highs"
    }

    fn solve(&self, program: &Program) -> Result<Vec<f64>, SolveError> {
        let mut problem = ProblemVariables::new();
        let vars: Vec<good_lp::Variable> = program
            .vars
            .iter()
            .map(|v| {
                let mut def = variable();
                if v.lower.is_finite() {
                    def = def.min(v.lower);
                }
                if v.upper.is_finite() {
                    def = def.max(v.upper);
                }
                if v.integer {
                    def = def.integer();
                }
                problem.add(def)
            })
            .collect();
        let mut objective = Expression::with_capacity(vars.len());
        for (v, var) in program.vars.iter().zip(&vars) {
            if v.cost != 0.0 {
                objective.add_mul(v.cost, *var);
            }
        }
        let mut model = problem
            .minimise(objective)
            .using(good_lp::solvers::highs::highs)
            .set_threads(1)
            .set_parallel(good_lp::solvers::highs::HighsParallelType::Off)
            // Optimal, not merely within the default 0.01% gap: the brute-force tests compare
            // objectives exactly.
            .set_option("mip_rel_gap", 1e-9)
            .set_option("mip_abs_gap", 1e-9);
        for row in &program.rows {
            let mut e = Expression::with_capacity(row.terms.len());
            for &(i, c) in &row.terms {
                e.add_mul(c, vars[i]);
            }
            if row.lower.is_finite() && row.upper.is_finite() && row.lower == row.upper {
                model.add_constraint(e.eq(row.lower));
                continue;
            }
            if row.lower.is_finite() {
                model.add_constraint(e.clone().geq(row.lower));
            }
            if row.upper.is_finite() {
                model.add_constraint(e.leq(row.upper));
            }
        }
        let solution = model.solve().map_err(|e| match e {
            good_lp::ResolutionError::Infeasible => SolveError::Infeasible,
            good_lp::ResolutionError::Unbounded => SolveError::Unbounded,
            other => SolveError::Failed(other.to_string()),
        })?;
        Ok(program
            .vars
            .iter()
            .zip(&vars)
            .map(|(v, var)| {
                let x = solution.value(*var);
                if v.integer { x.round() } else { x }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A textbook knapsack-like MILP whose optimum is found by hand: minimise 3a + 2b with
    /// a + b ≥ 3.5, b ≤ 2, a, b integer ≥ 0. b = 2 (cheaper) leaves a ≥ 1.5, so a = 2: cost 10;
    /// b = 1, a = 3 costs 11; b = 0, a = 4 costs 12. Optimum 10 at (2, 2).
    #[test]
    fn highs_solves_a_hand_checked_milp() {
        let mut p = Program::default();
        let a = p.var(0.0, f64::INFINITY, true, 3.0);
        let b = p.var(0.0, 2.0, true, 2.0);
        p.row(vec![(a, 1.0), (b, 1.0)], 3.5, f64::INFINITY);
        let x = Highs.solve(&p).unwrap();
        assert_eq!(x, vec![2.0, 2.0]);
        assert_eq!(p.objective(&x), 10.0);
    }

    #[test]
    fn infeasible_is_reported() {
        let mut p = Program::default();
        let a = p.var(0.0, 1.0, false, 1.0);
        p.row(vec![(a, 1.0)], 2.0, f64::INFINITY);
        assert_eq!(Highs.solve(&p), Err(SolveError::Infeasible));
    }
}
