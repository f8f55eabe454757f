//! A generated scenario for the allocation benchmark and its test: 40 contributors, 30
//! capabilities, 45 missions, some pledges, caps and red lines, built from a fixed seed.
//!
//! Shared by `benches/allocate.rs` (timing) and `tests/generated.rs` (it loads, and the optimum
//! is feasible). Not a realistic guarantee: only its size and shape matter.

use guarantor_allocate::CostWeights;

/// SplitMix64: a small deterministic generator, so every run sees the same instance.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const CODES: [&str; 40] = [
    "USA", "GBR", "FRA", "DEU", "ITA", "POL", "NLD", "SWE", "EST", "LTU", "TUR", "CAN", "ESP",
    "PRT", "BEL", "DNK", "NOR", "FIN", "LVA", "CZE", "SVK", "HUN", "ROU", "BGR", "GRC", "HRV",
    "SVN", "AUT", "IRL", "LUX", "ISL", "ALB", "MNE", "MKD", "JPN", "AUS", "NZL", "KOR", "CHE",
    "ISR",
];

pub const CONTRIBUTORS: usize = 40;
pub const CAPABILITIES: usize = 30;

/// The scenario text and the cost weights of its capabilities.
pub fn scenario(seed: u64) -> (String, CostWeights) {
    let mut g = Gen(seed);
    let mut weights = CostWeights::default();
    let mut t = String::from(
        "[scenario]\nid = \"generated-40x30\"\nname = \"Generated 40 x 30\"\nas_of = \"2025-08-19\"\n\
         default_rotation = { value = 3.0, source = \"generated\" }\n\n\
         [theatre]\nprotected = \"UKR\"\nadversary = \"RUS\"\n\n\
         [[layers]]\nid = \"all\"\nname = \"All missions\"\n\n",
    );
    for k in 0..CAPABILITIES {
        t.push_str(&format!(
            "[[capabilities]]\nname = \"cap_{k:02}\"\nunit = \"units\"\nkind = \"force\"\naggregate = \"sum\"\n\n"
        ));
        weights.set(
            &format!("cap_{k:02}"),
            1.0 + g.below(10) as f64,
            g.below(4) != 0,
        );
    }
    // Capacity per contributor and capability (60% of pairs), summed to size the requirements.
    let mut capacity = vec![vec![0u64; CAPABILITIES]; CONTRIBUTORS];
    let mut total = vec![0u64; CAPABILITIES];
    for row in capacity.iter_mut() {
        for (k, c) in row.iter_mut().enumerate() {
            if g.below(10) < 6 {
                *c = 10 + g.below(400);
                total[k] += *c;
            }
        }
    }
    // One mission per capability, and a second one for half of them; together they need about
    // 40% of what the coalition can sustain, so the instance is feasible.
    let locations = ["rear", "outside", "front"];
    let mut m = 0;
    for (k, &cap_total) in total.iter().enumerate() {
        let missions = if k % 2 == 0 { 2 } else { 1 };
        for _ in 0..missions {
            let amount = cap_total * 2 / 5 / missions;
            t.push_str(&format!(
                "[[missions]]\nid = \"m_{m:02}\"\nlayer = \"all\"\nname = \"Mission {m}\"\nlocation = \"{}\"\nrotation = 1\n\n\
                 [[missions.requirements]]\ncapability = \"cap_{k:02}\"\nmethod = \"fixed\"\namount = {amount}\nsource = \"generated\"\n\n",
                locations[m % 3]
            ));
            m += 1;
        }
    }
    for (i, code) in CODES.iter().enumerate() {
        t.push_str(&format!(
            "[[contributors]]\ncode = \"{code}\"\nname = \"{code}\"\nalliances = [\"{}\"]\n\
             gdp_usd_bn = {{ value = {}, source = \"generated\" }}\n",
            if i % 3 == 0 { "A" } else { "B" },
            50 + g.below(3000)
        ));
        if i % 7 == 3 {
            t.push_str(&format!(
                "caps = [\"at most 50 cap_{:02}\"]\n",
                i % CAPABILITIES
            ));
        }
        for (k, &c) in capacity[i].iter().enumerate() {
            if c > 0 {
                t.push_str(&format!(
                    "capacity.cap_{k:02} = {{ sustainable = {c}, source = \"generated\" }}\n"
                ));
            }
        }
        t.push('\n');
    }
    // A few pledges in force, to a mission of their capability.
    for p in 0..20 {
        let i = g.below(CONTRIBUTORS as u64) as usize;
        let Some(k) = (0..CAPABILITIES).find(|&k| capacity[i][(k + p) % CAPABILITIES] > 0) else {
            continue;
        };
        let k = (k + p) % CAPABILITIES;
        t.push_str(&format!(
            "[[pledges]]\nid = \"p{p}\"\ncontributor = \"{}\"\ncapability = \"cap_{k:02}\"\nquantity = {}\nstatus = \"stated\"\nsources = [\"generated\"]\n\n",
            CODES[i],
            capacity[i][k] / 4
        ));
    }
    t.push_str(
        "[[red_lines]]\nparty = \"RUS\"\nrule = \"no cap_01, cap_04 from A in front\"\nsource = \"generated\"\n\n\
         [[red_lines]]\nparty = \"RUS\"\nrule = \"at most 100000 cap_02 from anyone in theatre\"\nsource = \"generated\"\n",
    );
    (t, weights)
}
