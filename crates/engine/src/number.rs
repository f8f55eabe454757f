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
