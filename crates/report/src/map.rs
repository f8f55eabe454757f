//! The theatre map of the dashboard: Ukraine and its neighbours, and where the package's forces
//! stand, by the scenario's three places (at the line of contact, in the protected state away
//! from combat, outside it), with what each contributor has there in force.
//!
//! The outlines are Natural Earth's (public domain, via world-atlas, ISC), clipped, projected and
//! simplified once by `data/theatre-map/derive.py` into `data/theatre-map/outline.json`, which is
//! compiled in. The scenario format gives lines a length and sites a name, not coordinates, so
//! the map places nothing the scenario does not locate: the three places are marked where they
//! lie (schematically: the line of contact in the east, the rear in the centre, outside in the
//! neighbouring states), and the line and the protected sites are listed beside the map, not
//! drawn. Only capabilities that are physically present (the taxonomy's `presence`) are forces.
//! Like every chart, it is a string of SVG built with maud, so every label is escaped.

use guarantor_engine::{Assessment, fmt_amount, fmt_num};
use guarantor_model::{Location, Scenario};
use maud::{Markup, html};
use serde::Deserialize;

use crate::names::Names;

const OUTLINE: &str = include_str!("../../../data/theatre-map/outline.json");

#[derive(Debug, Deserialize)]
struct Outline {
    #[serde(rename = "box")]
    bounds: Bounds,
    width: f64,
    height: f64,
    countries: Vec<Country>,
}

#[derive(Debug, Deserialize)]
struct Bounds {
    west: f64,
    south: f64,
    east: f64,
    north: f64,
}

#[derive(Debug, Deserialize)]
struct Country {
    code: String,
    name: String,
    path: String,
}

impl Outline {
    fn load() -> Outline {
        // Compiled in and checked by a test: a broken file is a build defect, not an input.
        serde_json::from_str(OUTLINE).expect("data/theatre-map/outline.json parses")
    }

    /// Page position of a longitude and latitude, in the outline's projection.
    fn at(&self, lon: f64, lat: f64) -> (f64, f64) {
        let b = &self.bounds;
        let k = ((b.south + b.north) / 2.0).to_radians().cos();
        let scale = self.width / ((b.east - b.west) * k);
        ((lon - b.west) * k * scale, (b.north - lat) * scale)
    }
}

/// Where the names of the neighbours are written (longitude, latitude, anchor): judgement,
/// inside each country's visible part; the two cut by the map's edge start at it.
const LABELS: &[(&str, f64, f64, &str)] = &[
    ("UKR", 31.2, 50.9, "middle"),
    ("POL", 22.0, 52.7, "middle"),
    ("BLR", 27.5, 52.9, "middle"),
    ("RUS", 39.2, 52.6, "middle"),
    ("MDA", 28.4, 47.6, "middle"),
    ("ROU", 24.2, 46.0, "middle"),
    ("SVK", 21.05, 48.95, "start"),
    ("HUN", 21.05, 47.75, "start"),
    ("BGR", 24.6, 43.5, "middle"),
];

/// Breaks a text into lines of at most about `width` characters, at spaces (the chart's 12 px
/// font is about 6.5 px a character).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where each place is marked (longitude, latitude): schematic, since the scenario has no
/// coordinates. The line of contact in the east (Donetsk oblast), the rear in central Ukraine,
/// outside in the neighbouring states (south-eastern Poland, the hub for Ukraine since 2022).
fn marker(l: Location) -> (u8, f64, f64) {
    match l {
        Location::Front => (1, 37.6, 48.2),
        Location::Rear => (2, 29.6, 49.4),
        Location::Outside => (3, 22.4, 50.4),
    }
}

fn place_name(l: Location) -> &'static str {
    match l {
        Location::Front => "At the line of contact",
        Location::Rear => "In Ukraine, away from combat",
        Location::Outside => "Outside Ukraine: neighbouring states, at sea",
    }
}

/// One contributor's forces in one place: (contributor, "ground troops 500, training 300").
pub type Stationed = (String, String);

/// The forces in force at each place, per contributor in file order, each capability with the
/// amount counted (only capabilities that are physically present).
pub fn stationed(s: &Scenario, a: &Assessment) -> Vec<(Location, Vec<Stationed>)> {
    let names = Names::new(s);
    [Location::Front, Location::Rear, Location::Outside]
        .into_iter()
        .map(|place| {
            let mut rows: Vec<(String, Vec<String>)> = Vec::new();
            for p in a
                .pledges
                .iter()
                .filter(|p| p.in_force && p.counted > 0.0 && p.location == place.name())
            {
                let Some(cap) = s.taxonomy.get(&p.capability).filter(|c| c.presence) else {
                    continue;
                };
                let what = format!(
                    "{} {}",
                    names.capability(&p.capability),
                    fmt_amount(p.counted, &cap.unit)
                );
                match rows.iter_mut().find(|(c, _)| *c == p.contributor) {
                    Some((_, items)) => items.push(what),
                    None => rows.push((p.contributor.clone(), vec![what])),
                }
            }
            let rows = rows
                .into_iter()
                .map(|(code, items)| (names.contributor(&code), items.join(", ")))
                .collect();
            (place, rows)
        })
        .collect()
}

const LEGEND_W: f64 = 400.0;
const LINE_H: f64 = 15.0;

/// Renders the theatre map of an assessment of `s` (the package as changed, in the dashboard).
pub fn theatre_map(s: &Scenario, a: &Assessment) -> Markup {
    let outline = Outline::load();
    let places = stationed(s, a);
    let x0 = outline.width + 16.0;
    // The legend: per place a heading and a line per contributor; then the line and the sites.
    let mut y = 22.0;
    let mut legend: Vec<Markup> = Vec::new();
    for (place, rows) in &places {
        let (n, _, _) = marker(*place);
        legend.push(html! {
            circle cx=(px(x0 + 8.0)) cy=(px(y - 4.0)) r="8" class="place" {}
            text x=(px(x0 + 8.0)) y=(px(y)) text-anchor="middle" class="place-n" { (n) }
            text x=(px(x0 + 22.0)) y=(px(y)) class="group" { (place_name(*place)) }
        });
        y += LINE_H + 2.0;
        if rows.is_empty() {
            legend.push(
                html! { text x=(px(x0 + 22.0)) y=(px(y)) class="axis" { "no pledged force" } },
            );
            y += LINE_H;
        }
        for (who, what) in rows {
            // The contributor's name in bold, then what it has there, wrapped under it.
            let lines = wrap(&format!("{who}: {what}"), 58);
            for (i, line) in lines.iter().enumerate() {
                legend.push(html! {
                    @if let (0, Some(rest)) = (i, line.strip_prefix(who.as_str())) {
                        text x=(px(x0 + 22.0)) y=(px(y)) class="value" { tspan class="group" { (who) } (rest) }
                    } @else if i == 0 {
                        text x=(px(x0 + 22.0)) y=(px(y)) class="value" { (line) }
                    } @else {
                        text x=(px(x0 + 34.0)) y=(px(y)) class="value" { (line) }
                    }
                });
                y += LINE_H;
            }
        }
        y += 8.0;
    }
    let lines: Vec<String> = s
        .theatre
        .lines
        .iter()
        .map(|l| format!("{} ({} km)", l.name, fmt_num(l.km)))
        .collect();
    let sites: Vec<&str> = s.theatre.sites.iter().map(|x| x.name.as_str()).collect();
    let mut notes: Vec<String> = Vec::new();
    if !lines.is_empty() {
        notes.push(format!("Lines: {}.", lines.join("; ")));
    }
    if !sites.is_empty() {
        notes.push(format!("Protected sites: {}.", sites.join(", ")));
    }
    notes.push(
        "The scenario gives no coordinates, so lines and sites are listed, not drawn; the numbered places are schematic."
            .to_string(),
    );
    let height = (y + 8.0).max(outline.height);
    let width = x0 + LEGEND_W;
    let label = |code: &str| LABELS.iter().find(|(c, _, _, _)| *c == code);
    let notes: Vec<String> = notes
        .iter()
        .flat_map(|n| wrap(n, (width / 6.5) as usize))
        .collect();
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart map" role="img" width=(px(width)) height=(px(height + 16.0 * notes.len() as f64 + 8.0)) viewBox={ "0 0 " (px(width)) " " (px(height + 16.0 * notes.len() as f64 + 8.0)) } {
            title { "Where the package's forces stand: at the line of contact, in Ukraine away from combat, outside Ukraine" }
            rect x="0" y="0" width=(px(outline.width)) height=(px(outline.height)) class="sea" {}
            @for c in &outline.countries {
                path d=(c.path) class=(if c.code == "UKR" { "land protected" } else { "land" }) { title { (c.name) } }
            }
            @for c in &outline.countries {
                @if let Some((_, lon, lat, anchor)) = label(&c.code) {
                    @let (x, y) = outline.at(*lon, *lat);
                    text x=(px(x)) y=(px(y)) text-anchor=(anchor) class=(if c.code == "UKR" { "country protected" } else { "country" }) { (c.name) }
                }
            }
            @let (sx, sy) = outline.at(33.6, 43.7);
            text x=(px(sx)) y=(px(sy)) text-anchor="middle" class="sea-name" { "Black Sea" }
            @for (place, rows) in &places {
                @let (n, lon, lat) = marker(*place);
                @let (x, y) = outline.at(lon, lat);
                g {
                    title { (place_name(*place)) ": " (rows.len()) (if rows.len() == 1 { " contributor" } else { " contributors" }) }
                    circle cx=(px(x)) cy=(px(y)) r=(px(10.0 + 2.0 * rows.len().min(8) as f64)) class="place" {}
                    text x=(px(x)) y=(px(y + 4.0)) text-anchor="middle" class="place-n" { (n) }
                }
            }
            @for item in &legend { (item) }
            @for (i, note) in notes.iter().enumerate() {
                text x="4" y=(px(height + 18.0 + 16.0 * i as f64)) class="axis" { (note) }
            }
        }
    }
}

fn px(x: f64) -> String {
    format!("{:.1}", x)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

    #[test]
    fn the_outline_loads_and_ukraine_includes_crimea() {
        let o = Outline::load();
        let ukr = o
            .countries
            .iter()
            .find(|c| c.code == "UKR")
            .expect("Ukraine");
        // Sevastopol (33.5 E, 44.6 N) lies below every point of the mainland: Ukraine's path
        // reaches that far south only with Crimea.
        let (_, y) = o.at(33.5, 44.6);
        let lowest = ukr
            .path
            .split(['M', 'L', 'Z'])
            .filter_map(|p| p.split_once(','))
            .filter_map(|(_, y)| y.parse::<f64>().ok())
            .fold(0.0, f64::max);
        assert!(
            lowest > y,
            "Ukraine reaches y {lowest}, Sevastopol is at {y}"
        );
        assert!(o.countries.iter().any(|c| c.code == "POL"));
    }

    #[test]
    fn forces_stand_where_their_pledges_say_and_the_us_is_outside() {
        let s = guarantor_model::load(AUGUST).scenario.expect("loads");
        let a = guarantor_engine::assess(&s);
        let places = stationed(&s, &a);
        let at = |l: Location| &places.iter().find(|(p, _)| *p == l).expect("place").1;
        assert!(
            at(Location::Rear)
                .iter()
                .any(|(who, what)| who == "United Kingdom" && what.contains("ground troops 500")),
            "{places:?}"
        );
        assert!(
            at(Location::Outside)
                .iter()
                .any(|(who, _)| who == "United States"),
            "{places:?}"
        );
        // Money and commitments are not forces.
        for (_, rows) in &places {
            for (_, what) in rows {
                assert!(
                    !what.contains("EUR") && !what.contains("Article 5"),
                    "{what}"
                );
            }
        }
        let without = guarantor_engine::assess_without(&s, &["USA".to_string()]).expect("USA");
        let places = stationed(&s, &without);
        assert!(
            places
                .iter()
                .all(|(_, rows)| rows.iter().all(|(who, _)| who != "United States"))
        );
        let svg = theatre_map(&s, &a).into_string();
        assert!(svg.contains("Protected sites: Kyiv, Lviv"), "{svg}");
        assert!(svg.contains("Active line of contact (1,250 km)"));
    }
}
