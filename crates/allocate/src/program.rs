//! A mixed-integer linear program in plain data, and the [`Solver`] trait that solves one.
//!
//! The formulation ([`crate::formulate`]) writes a [`Program`]; a solver turns it into values.
//! Keeping the program as data makes the solver swappable (CBC by default, HiGHS behind a feature,
//! both through `good_lp`) and lets tests inspect what was built. This module
//! holds no knowledge of guarantees, and no solving algorithm of its own: no hand-written branch
//! and bound, only calls into a maintained solver.

#[cfg(feature = "solver-highs")]
use good_lp::Solution;
use good_lp::{Expression, ProblemVariables, SolverModel, variable};

use crate::isolate::{Failure, Outcome};

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
    /// The solver's process died (an assertion of Debian's CBC or CLP): see `src/isolate.rs`.
    #[error("{0}")]
    Crashed(String),
}

/// Something that finds an optimal point of a [`Program`].
pub trait Solver {
    /// Short name for reports (`cbc`, `highs`).
    fn name(&self) -> &'static str;
    /// Values of every variable at an optimum, integer variables rounded to whole numbers.
    ///
    /// # Errors
    /// When the program is infeasible or unbounded, or the solver fails.
    fn solve(&self, program: &Program) -> Result<Vec<f64>, SolveError>;
}

/// The solver `guarantor` uses: CBC. Chosen by measurement (docs/allocation.md, "Which solver"):
/// CBC solves the fair-share program an order of magnitude faster than HiGHS, whose root cut
/// separation dominates on it, and links Debian's library instead of compiling C++ from source.
/// (A re-export rather than a type alias, so that `DefaultSolver` is also the unit value.)
pub use Cbc as DefaultSolver;

/// Every solver compiled into this build, for benches and for tests that must hold for each.
pub fn shipped_solvers() -> Vec<Box<dyn Solver + Send + Sync>> {
    #[allow(unused_mut)]
    let mut solvers: Vec<Box<dyn Solver + Send + Sync>> = vec![Box::new(Cbc)];
    #[cfg(feature = "solver-highs")]
    solvers.push(Box::new(Highs));
    solvers
}

/// The program's variables, objective and rows in `good_lp`'s terms, ready for any backend.
struct Built {
    problem: ProblemVariables,
    /// The program's variables in good_lp's terms (HiGHS reads its solution through them).
    #[cfg_attr(not(feature = "solver-highs"), allow(dead_code))]
    vars: Vec<good_lp::Variable>,
    /// The solver's column of each program variable: good_lp gives a backend one column per
    /// variable, in the order they were added.
    columns: Vec<usize>,
    objective: Expression,
    constraints: Vec<good_lp::Constraint>,
}

/// Columns go to the solver with the objective's variables first, then the others, each in
/// program order.
///
/// CBC's search depends on column order: on the bench's fair-share program (deviation
/// variables created last), the same rows solve in 0.05 CPU-s at the root with the deviation
/// columns first and take 1,015 nodes and 0.64 CPU-s with them last (`cbc` on the dumped
/// program). The objective's columns are what each phase is about, so they lead.
fn build(program: &Program) -> Built {
    let mut problem = ProblemVariables::new();
    let order = program
        .vars
        .iter()
        .enumerate()
        .filter(|(_, v)| v.cost != 0.0)
        .chain(
            program
                .vars
                .iter()
                .enumerate()
                .filter(|(_, v)| v.cost == 0.0),
        );
    let mut added: Vec<(usize, good_lp::Variable)> = order
        .map(|(i, v)| {
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
            (i, problem.add(def))
        })
        .collect();
    let mut columns = vec![0; added.len()];
    for (column, &(i, _)) in added.iter().enumerate() {
        columns[i] = column;
    }
    // Back to program order, so `vars[i]` is variable `i` whatever the solver's column order.
    added.sort_unstable_by_key(|&(i, _)| i);
    let vars: Vec<good_lp::Variable> = added.into_iter().map(|(_, v)| v).collect();
    let mut objective = Expression::with_capacity(vars.len());
    for (v, var) in program.vars.iter().zip(&vars) {
        if v.cost != 0.0 {
            objective.add_mul(v.cost, *var);
        }
    }
    let mut constraints = Vec::with_capacity(program.rows.len());
    for row in &program.rows {
        let mut e = Expression::with_capacity(row.terms.len());
        for &(i, c) in &row.terms {
            e.add_mul(c, vars[i]);
        }
        if row.lower.is_finite() && row.upper.is_finite() && row.lower == row.upper {
            constraints.push(e.eq(row.lower));
            continue;
        }
        if row.lower.is_finite() {
            constraints.push(e.clone().geq(row.lower));
        }
        if row.upper.is_finite() {
            constraints.push(e.leq(row.upper));
        }
    }
    Built {
        problem,
        vars,
        columns,
        objective,
        constraints,
    }
}

/// Reads the values back, rounding integer variables to whole numbers.
#[cfg(feature = "solver-highs")]
fn values(program: &Program, vars: &[good_lp::Variable], solution: &impl Solution) -> Vec<f64> {
    program
        .vars
        .iter()
        .zip(vars)
        .map(|(v, var)| {
            let x = solution.value(*var);
            if v.integer { x.round() } else { x }
        })
        .collect()
}

#[cfg(feature = "solver-highs")]
fn resolution_error(e: good_lp::ResolutionError) -> SolveError {
    match e {
        good_lp::ResolutionError::Infeasible => SolveError::Infeasible,
        good_lp::ResolutionError::Unbounded => SolveError::Unbounded,
        other => SolveError::Failed(other.to_string()),
    }
}

/// A program with no variables has one point, the empty one; backends disagree on what to say
/// about it (HiGHS answers `ModelEmpty`), so it never reaches them.
fn trivial(program: &Program) -> Option<Result<Vec<f64>, SolveError>> {
    if !program.vars.is_empty() {
        return None;
    }
    let violated = program
        .rows
        .iter()
        .any(|r| r.lower > 1e-9 || r.upper < -1e-9);
    Some(if violated {
        Err(SolveError::Infeasible)
    } else {
        Ok(Vec::new())
    })
}

/// CBC (<https://github.com/coin-or/Cbc>), COIN-OR's branch-and-cut MILP solver, through
/// `good_lp`, linked from Debian's `coinor-libcbc-dev`.
///
/// Single-threaded, with the relative and absolute gaps at zero so that the optimum is proven,
/// not merely within CBC's default tolerance (the brute-force tests compare objectives). Each
/// solve runs in a child process (`src/isolate.rs`): Debian's CBC aborts on an assertion for a
/// few programs, and then the program is solved once more without CBC's preprocessing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cbc;

impl Solver for Cbc {
    fn name(&self) -> &'static str {
        "cbc"
    }

    fn solve(&self, program: &Program) -> Result<Vec<f64>, SolveError> {
        if let Some(answer) = trivial(program) {
            return answer;
        }
        match solve_cbc(program, &[]) {
            // The same program crashes the same way: solved again without CBC's preprocessing,
            // which solved both known cases (tests/never_fails.rs). It is slower (the bench's
            // fair-share instance took 100 times as long without it), so only after a crash.
            Err(SolveError::Crashed(first)) => solve_cbc(program, &[("preprocess", "off")])
                .map_err(|e| match e {
                    SolveError::Crashed(second) => SolveError::Crashed(format!(
                        "{first}; again without preprocessing: {second}"
                    )),
                    other => other,
                }),
            answer => answer,
        }
    }
}

/// One CBC solve of `program` in a child process (`src/isolate.rs`), with [`Cbc`]'s parameters
/// and `extra` ones (a key of both takes the `extra` value).
fn solve_cbc(program: &Program, extra: &[(&str, &str)]) -> Result<Vec<f64>, SolveError> {
    let built = build(program);
    let Built {
        problem,
        vars: _,
        columns,
        objective,
        constraints,
    } = built;
    let outcome = crate::isolate::solve(move || {
        let mut model = problem
            .minimise(objective)
            .using(good_lp::solvers::coin_cbc::coin_cbc);
        model.set_parameter("threads", "0");
        model.set_parameter("ratioGap", "0");
        model.set_parameter("allowableGap", "1e-9");
        // The allocation's programs are tight (the LP relaxation of the fair-share program
        // already equals its integer optimum), so cut generation costs time and finds nothing:
        // measured on the bench's 40 x 30 fair-share instance, 1.14 s with cuts, 0.15 s without
        // (medians, columns ordered as `build` orders them, 2 December 2026). Turning off
        // preprocessing or heuristics made it 100x slower.
        model.set_parameter("cuts", "off");
        for (k, v) in extra {
            model.set_parameter(k, v);
        }
        for c in constraints {
            model.add_constraint(c);
        }
        model.as_inner().to_raw()
    })
    .map_err(|failure| match failure {
        Failure::Crashed { .. } => SolveError::Crashed(failure.to_string()),
        Failure::Failed(why) => SolveError::Failed(why),
    })?;
    match outcome {
        Outcome::Solved(solution) if solution.len() != columns.len() => {
            Err(SolveError::Failed(format!(
                "the solver answered {} values for {} columns",
                solution.len(),
                columns.len()
            )))
        }
        Outcome::Solved(solution) => Ok(program
            .vars
            .iter()
            .zip(&columns)
            .map(|(v, &c)| {
                let x = solution[c];
                if v.integer { x.round() } else { x }
            })
            .collect()),
        Outcome::Infeasible => Err(SolveError::Infeasible),
        Outcome::Unbounded => Err(SolveError::Unbounded),
        Outcome::Stopped(why) => Err(SolveError::Failed(why.to_string())),
    }
}

/// HiGHS (<https://highs.dev>), a maintained open-source MILP solver, through `good_lp`. Compiled
/// only with the `solver-highs` feature, for the bench's side-by-side comparison.
///
/// Runs single-threaded so that results and timings do not depend on the machine's load.
#[cfg(feature = "solver-highs")]
#[derive(Debug, Clone, Copy, Default)]
pub struct Highs;

#[cfg(feature = "solver-highs")]
impl Solver for Highs {
    fn name(&self) -> &'static str {
        "highs"
    }

    fn solve(&self, program: &Program) -> Result<Vec<f64>, SolveError> {
        if let Some(answer) = trivial(program) {
            return answer;
        }
        let built = build(program);
        let mut model = built
            .problem
            .minimise(built.objective)
            .using(good_lp::solvers::highs::highs)
            .set_threads(1)
            .set_parallel(good_lp::solvers::highs::HighsParallelType::Off)
            .set_option("mip_rel_gap", 1e-9)
            .set_option("mip_abs_gap", 1e-9);
        for c in built.constraints {
            model.add_constraint(c);
        }
        let solution = model.solve().map_err(resolution_error)?;
        Ok(values(program, &built.vars, &solution))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A textbook knapsack-like MILP whose optimum is found by hand: minimise 3a + 2b with
    /// a + b ≥ 3.5, b ≤ 2, a, b integer ≥ 0. b = 2 (cheaper) leaves a ≥ 1.5, so a = 2: cost 10;
    /// b = 1, a = 3 costs 11; b = 0, a = 4 costs 12. Optimum 10 at (2, 2).
    #[test]
    fn every_solver_solves_a_hand_checked_milp() {
        for solver in shipped_solvers() {
            let mut p = Program::default();
            let a = p.var(0.0, f64::INFINITY, true, 3.0);
            let b = p.var(0.0, 2.0, true, 2.0);
            p.row(vec![(a, 1.0), (b, 1.0)], 3.5, f64::INFINITY);
            let x = solver.solve(&p).unwrap();
            assert_eq!(x, vec![2.0, 2.0], "{}", solver.name());
            assert_eq!(p.objective(&x), 10.0, "{}", solver.name());
        }
    }

    #[test]
    fn infeasible_is_reported() {
        for solver in shipped_solvers() {
            let mut p = Program::default();
            let a = p.var(0.0, 1.0, false, 1.0);
            p.row(vec![(a, 1.0)], 2.0, f64::INFINITY);
            assert_eq!(
                solver.solve(&p),
                Err(SolveError::Infeasible),
                "{}",
                solver.name()
            );
        }
    }

    /// The empty program (nothing to allocate) has the empty point as its optimum: no solver may
    /// call it a failure (HiGHS said `ModelEmpty`).
    #[test]
    fn the_empty_program_is_solved() {
        for solver in shipped_solvers() {
            assert_eq!(
                solver.solve(&Program::default()),
                Ok(vec![]),
                "{}",
                solver.name()
            );
        }
    }

    /// A program with variables and no rows is bounded by the variables alone.
    #[test]
    fn a_program_without_rows_is_solved() {
        for solver in shipped_solvers() {
            let mut p = Program::default();
            p.var(1.0, 5.0, true, 2.0);
            assert_eq!(solver.solve(&p), Ok(vec![1.0]), "{}", solver.name());
        }
    }
}
