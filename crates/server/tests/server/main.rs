//! The server's one integration-test binary: the JSON API through the router ([`api`]), the
//! evidence routes ([`evidence`]), the dashboard in a real headless Chromium ([`browser`]), and
//! the report and dashboard as a briefing takes them: charts saved as SVG and PNG, visible text
//! free of identifiers ([`briefing`]).

mod api;
mod briefing;
mod browser;
mod common;
mod evidence;
mod view;
