//! Number formatting shared by formulas and reports: thousands separators, no spurious decimals.
//!
//! Requirements and pledges are counts of people, batteries or billions; showing `49999.99999`
//! would hide the arithmetic it is meant to reveal, so values are rounded for display only.

/// Formats a number with thousands separators and at most two decimals (three significant digits
/// below 1), dropping trailing zeros: `150000` → `150,000`, `1.5` → `1.5`, `0.333333` → `0.33`,
/// `0.004` → `0.004`.
pub fn fmt_num(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value != 0.0 && value.abs() < 0.01 {
        let digits = (2 - value.abs().log10().floor() as i32).clamp(0, 12) as usize;
        let s = format!("{value:.digits$}");
        return s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let mut out = if negative && (int > 0 || frac > 0) {
        format!("-{grouped}")
    } else {
        grouped
    };
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// How many decimals a quantity in `unit` is worth showing: the one rounding rule of every text,
/// HTML and CSV renderer.
///
/// People, aircraft, batteries, vessels, ISR orbits, guarantors and sharing levels are counted
/// whole (a requirement of 243.8 personnel is 244 people, a level is a level); money in billions
/// keeps two decimals (ten million), the precision of the figures it comes from.
pub fn decimals(unit: &str) -> usize {
    if unit.contains(" bn") || unit.contains(" million") {
        2
    } else {
        0
    }
}

/// `value` rounded to `decimals` places with `how` (`f64::round`, `ceil`, `floor`), ignoring the
/// last bits of floating-point noise (13,254.000000001 needs 13,254 people, not 13,255).
pub fn round_to(value: f64, decimals: usize, how: fn(f64) -> f64) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    let scaled = value * factor;
    let nearest = scaled.round();
    let scaled = if (scaled - nearest).abs() < 1e-6 {
        nearest
    } else {
        how(scaled)
    };
    scaled / factor
}

/// A quantity in its unit as a reader sees it: rounded to the nearest value the unit allows
/// ([`decimals`]), with thousands separators (`1,350`; `20.5` EUR bn).
pub fn fmt_amount(value: f64, unit: &str) -> String {
    fmt_num(round_to(value, decimals(unit), f64::round))
}

/// What is needed (a requirement, a gap), rounded up: 243.2 personnel needed are 244 people, and
/// a gap of 0.2 batteries is a battery missing.
pub fn fmt_need(value: f64, unit: &str) -> String {
    fmt_num(round_to(value, decimals(unit), f64::ceil))
}

/// What a contributor can do, rounded down: sustaining 0.67 batteries is sustaining none, and
/// 2,666.67 personnel sustainable are 2,666.
pub fn fmt_capacity(value: f64, unit: &str) -> String {
    fmt_num(round_to(value, decimals(unit), f64::floor))
}

#[cfg(test)]
mod quantity_tests {
    use super::*;

    #[test]
    fn counted_units_are_whole_and_money_keeps_two_decimals() {
        assert_eq!(fmt_amount(243.8, "personnel"), "244");
        assert_eq!(fmt_amount(13_254.6, "personnel"), "13,255");
        assert_eq!(fmt_need(13_254.2, "personnel"), "13,255");
        assert_eq!(fmt_need(13_254.000_000_001, "personnel"), "13,254");
        assert_eq!(fmt_capacity(2_666.67, "personnel"), "2,666");
        assert_eq!(fmt_need(0.2, "batteries"), "1");
        assert_eq!(fmt_capacity(0.67, "batteries"), "0");
        assert_eq!(fmt_amount(2.4, "sharing level (0-3)"), "2");
        assert_eq!(fmt_amount(20.456, "EUR bn per year"), "20.46");
        assert_eq!(fmt_need(0.001, "EUR bn per year"), "0.01");
        assert_eq!(fmt_amount(-0.2, "personnel"), "0");
    }
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn formats() {
        assert_eq!(fmt_num(150_000.0), "150,000");
        assert_eq!(fmt_num(1_234_567.891), "1,234,567.89");
        assert_eq!(fmt_num(1.5), "1.5");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(999.999), "1,000");
        assert_eq!(fmt_num(-2500.0), "-2,500");
        assert_eq!(fmt_num(1.0 / 3.0), "0.33");
        assert_eq!(fmt_num(0.004), "0.004");
        assert_eq!(fmt_num(0.00123), "0.00123");
    }
}

/// Adds numbers starting from +0.0. The standard library's float `Sum` starts from −0.0 (the
/// additive identity), so an empty sum is −0.0 and would print as `-0.0` in JSON; a requirement
/// nobody pledges to should read `0.0`.
pub fn total<'a>(values: impl IntoIterator<Item = &'a f64>) -> f64 {
    values.into_iter().fold(0.0, |a, b| a + b)
}

#[cfg(test)]
mod total_tests {
    use super::total;

    #[test]
    fn an_empty_total_is_positive_zero() {
        let empty: [f64; 0] = [];
        assert!(total(&empty).is_sign_positive());
        assert!(total(&[-0.0, -0.0]).is_sign_positive());
        assert_eq!(total(&[1.5, 2.0, -0.5]), 3.0);
    }
}
