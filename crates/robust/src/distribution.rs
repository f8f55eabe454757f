//! Parameter distributions as quantile functions: from a point `u` of the unit interval to a
//! value.
//!
//! Monte Carlo and the Sobol design both start from uniform numbers in [0, 1) and map them
//! through the inverse CDF, so one code path serves pseudo-random and quasi-random sampling,
//! and a draw is a pure function of its unit-cube point. Values are clamped at zero because
//! every scenario number (a length, a density, a quantity) is non-negative; this module does not
//! validate parameters (the model's loader does).

use guarantor_model::Distribution;
use statrs::distribution::{ContinuousCDF, Normal};

/// The standard normal quantile Φ⁻¹(u).
fn probit(u: f64) -> f64 {
    // Normal::standard() cannot fail; statrs's inverse CDF is accurate to about 1e-15
    // (it uses the inverse complementary error function).
    Normal::standard().inverse_cdf(u)
}

/// The value of `distribution` at quantile `u` (0 ≤ u < 1), clamped at zero.
#[inline]
pub fn quantile(distribution: &Distribution, u: f64) -> f64 {
    let v = match *distribution {
        Distribution::Uniform { low, high } => low + u * (high - low),
        Distribution::Triangular { low, mode, high } => {
            // Inverse CDF of the triangular distribution (e.g. Johnson & Kotz, "Continuous
            // Univariate Distributions"; the standard closed form).
            let width = high - low;
            let cut = (mode - low) / width;
            if u < cut {
                low + (u * width * (mode - low)).sqrt()
            } else {
                high - ((1.0 - u) * width * (high - mode)).sqrt()
            }
        }
        Distribution::Normal { mean, sd } => mean + sd * probit(u),
        Distribution::Lognormal { median, sigma } => median * (sigma * probit(u)).exp(),
    };
    if v.is_nan() { 0.0 } else { v.max(0.0) }
}

/// The median of a distribution (its value at u = 0.5), for reports.
pub fn median(distribution: &Distribution) -> f64 {
    quantile(distribution, 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_quantiles() {
        let u = Distribution::Uniform {
            low: 10.0,
            high: 20.0,
        };
        assert_eq!(quantile(&u, 0.25), 12.5);
        // Triangular(0, 0, 1): CDF 1 - (1-x)^2, so the median is 1 - sqrt(0.5).
        let t = Distribution::Triangular {
            low: 0.0,
            mode: 0.0,
            high: 1.0,
        };
        assert!((quantile(&t, 0.5) - (1.0 - 0.5f64.sqrt())).abs() < 1e-12);
        // Φ⁻¹(0.975) = 1.959964 (any normal table).
        let n = Distribution::Normal { mean: 0.0, sd: 1.0 };
        assert!((quantile(&n, 0.975) - 1.959_964).abs() < 1e-6);
        // Negative values are clamped at zero.
        assert_eq!(quantile(&n, 0.025), 0.0);
        let l = Distribution::Lognormal {
            median: 100.0,
            sigma: 0.5,
        };
        assert!((median(&l) - 100.0).abs() < 1e-9);
        assert!((quantile(&l, 0.975) - 100.0 * (0.5f64 * 1.959_964).exp()).abs() < 1e-3);
        assert_eq!(quantile(&n, 0.0), 0.0);
    }
}
