//! plansift's HTML front-end.
//!
//! - [`fragment_text`]: plain text of an HTML fragment as found in the cells of text
//!   converted from PDF (tags removed, entities decoded, `<sup>th</sup>` joined to its
//!   number, blocks separated by one space, white space collapsed), with a bold flag.
//! - [`has_markup`]: the cheap check that decides whether a string needs parsing at all.

mod text;

pub use text::{fragment_text, has_markup, FragmentText};
