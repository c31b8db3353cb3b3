//! Text helpers every plansift front-end shares, so that the same rule is written once:
//!
//! - [`markup`] (feature `markup`, on by default): plain text of HTML fragments inside
//!   table cells ([`fragment_text`], [`has_markup`]) and the DOM text walker the HTML
//!   front-end reads pages with;
//! - [`page`]: is a line a page number ([`page_number`]), and the key that identifies a
//!   running header or footer across pages ([`furniture_key`]);
//! - [`bullets`]: the one set of bullet characters ([`BULLETS`], [`strip_bullet`]);
//! - [`depth`]: the nesting-depth pre-scan run before any HTML is parsed
//!   ([`limit_depth`]: tags nested deeper than the budget's depth dropped, text kept);
//! - [`grid`]: placing cells with row and column spans on a dense grid ([`SpanGrid`]),
//!   positions covered by a span becoming `covered` cells.
//!
//! No front-end depends on another front-end: what two of them need lives here.

pub mod bullets;
pub mod depth;
pub mod grid;
#[cfg(feature = "markup")]
pub mod markup;
pub mod page;

pub use bullets::{is_bullet, strip_bullet, BULLETS, DASH_BULLETS};
pub use depth::limit_depth;
pub use grid::SpanGrid;
#[cfg(feature = "markup")]
pub use markup::{fragment_text, has_markup, FragmentText};
pub use page::{furniture_key, page_number, PageNumber};
