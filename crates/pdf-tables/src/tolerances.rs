//! Every tolerance of the table finder, in one place.
//!
//! Units: `pt` is a PDF point (1/72 inch) in page space; `em` is a multiple of
//! the font size of the text concerned (the median size of the words looked
//! at, unless the field says otherwise); a fraction is a share of the length,
//! area or count named; a count is a number of things.

/// The tolerances of the table finder and of the paragraph splitter. The
/// [`Default`] values are the ones the crate is tuned and tested with.
#[derive(Debug, Clone, PartialEq)]
pub struct Tolerances {
    // ---- words and lines (text.rs) ----
    /// Font sizes at or below this are unknown (pt).
    pub min_font_size: f32,
    /// Font size assumed when no word has a known size (pt).
    pub default_font_size: f32,
    /// Page height assumed when the page has none (pt; A4).
    pub default_page_height: f32,
    /// Word and line boxes count as at least this tall when heights are
    /// compared (pt).
    pub min_box_height: f32,
    /// A line whose bottom is more than this above a word's top is not a
    /// candidate for it (pt).
    pub line_search_above: f32,
    /// A word joins a line when their vertical overlap is at least this
    /// fraction of the smaller height.
    pub line_overlap: f32,
    /// A word stretches its line's top and bottom when it is at least this
    /// fraction of the line's height (smaller ones are super/subscripts).
    pub line_dominant_height: f32,
    /// A word smaller than this fraction of its neighbour's (or the text's)
    /// size is a superscript or subscript.
    pub script_size: f32,
    /// A superscript ordinal (`27` `th`) is at most this many bytes long.
    pub ordinal_max_len: usize,
    /// A superscript ordinal is joined to its number when the gap is below
    /// this (em of the number).
    pub ordinal_gap_em: f32,
    /// A super/subscript is joined without a space when the gap is below this
    /// (em of the larger size).
    pub script_gap_em: f32,

    // ---- edges from rules and fills (geom.rs) ----
    /// Parallel edges closer than this on the cross axis are snapped to one
    /// position (pt).
    pub edge_snap: f32,
    /// A group of snapped edges spans at most this on the cross axis (pt).
    pub edge_snap_span: f32,
    /// Collinear edges whose ends are closer than this are joined (pt).
    pub edge_join: f32,
    /// An edge reaching within this of another meets it (pt).
    pub edge_meet: f32,
    /// Edges shorter than this after joining are ignored (pt).
    pub min_edge: f32,
    /// A filled rectangle this thin or thinner is a rule, not a shaded area (pt).
    pub thin_fill: f32,
    /// A fill larger than this fraction of the page's area is a background.
    pub background_fill: f32,
    /// Vertical edges ending at one height, at least this many, close a grid
    /// cut open by a page break (count).
    pub open_grid_min_edges: usize,

    // ---- regions (regions.rs) ----
    /// Cell sides closer than this are on one grid line (pt).
    pub grid_align: f32,
    /// Two stacked grids share a column edge when their edges are within
    /// this (pt).
    pub stacked_column_match: f32,
    /// A rule within this of a region belongs to it (pt).
    pub region_rule_slack: f32,
    /// A region overlapping a tagged table or an earlier region by more than
    /// this fraction of either's area is dropped.
    pub region_overlap: f32,
    /// A word belongs to a region when its centre is within this of it (pt).
    pub region_word_slack: f32,
    /// A band rule is at least this fraction of the page width long (the
    /// larger of this and `band_min_rule` applies).
    pub band_min_rule_frac: f32,
    /// A band rule is at least this long, whatever the page width (pt).
    pub band_min_rule: f32,
    /// Rules of one band stack have both ends within this of the first's (pt).
    pub band_end_match: f32,
    /// A vertical edge within this of a band stack's ends is its side border (pt).
    pub band_side_match: f32,
    /// Band boundaries closer than this are one (pt).
    pub band_cluster: f32,

    // ---- cells (build.rs) ----
    /// A word's centre may lie this far outside a table's grid and still
    /// fall in its first or last row or column (pt).
    pub cell_word_slack: f32,
    /// A word crosses a column boundary when it extends more than this past
    /// it on both sides (pt).
    pub column_cross: f32,

    // ---- columns from alignment (align.rs) ----
    /// Width of the bins in which word extents are counted (pt).
    pub column_bin: f32,
    /// A column gap may be crossed by up to this fraction of the lines
    /// (spanning cells), rounded down.
    pub column_cross_frac: f32,
    /// With at most this many lines, the wider gap below is asked for (count).
    pub column_few_lines: usize,
    /// The narrowest white space between two columns, as a multiple of the
    /// text size (em; the larger of this and `column_gap_min` applies).
    pub column_gap_em: f32,
    /// The narrowest white space between two columns, whatever the text
    /// size (pt).
    pub column_gap_min: f32,
    /// The narrowest column gap when there are few lines (em; the larger of
    /// this and `column_gap_few_min` applies): word spaces line up by chance.
    pub column_gap_few_em: f32,
    /// The narrowest column gap when there are few lines, whatever the text
    /// size (pt).
    pub column_gap_few_min: f32,
    /// Two boundaries closer than this many narrowest gaps are the same
    /// white space.
    pub column_same_gap: f32,
    /// A remembered boundary closer than this many narrowest gaps to one of
    /// the page's own is the same boundary.
    pub template_same_gap: f32,
    /// A remembered boundary is kept when no word comes within this many
    /// narrowest gaps of it.
    pub template_clear: f32,
    /// A word crosses a remembered boundary when it extends more than this
    /// past it on both sides (pt).
    pub template_cross: f32,
    /// A band table continues the one before it when both sides are within
    /// this of the remembered table's (pt).
    pub template_match: f32,
    /// A line splits into parts (cells) at gaps wider than this (em; the
    /// larger of this and `chunk_gap_min` applies).
    pub chunk_gap_em: f32,
    /// A line splits into parts only at gaps wider than this, whatever the
    /// text size (pt).
    pub chunk_gap_min: f32,

    // ---- rows from line spacing (align.rs) ----
    /// The line spacing taken as the base of row gaps is at most this (em).
    pub row_base_max_em: f32,
    /// The line spacing taken as the base of row gaps is at least minus this
    /// (em; lines may overlap).
    pub row_base_min_em: f32,
    /// A new row needs a vertical gap of the base spacing plus this (em; the
    /// larger of this and `row_gap_min` is added).
    pub row_gap_em: f32,
    /// A new row needs a vertical gap of the base spacing plus at least this (pt).
    pub row_gap_min: f32,
    /// A vertical gap above this always allows a new row, whatever the base
    /// spacing (em).
    pub row_gap_max_em: f32,
    /// Lines whose tops are within this are one row's line (em).
    pub row_same_line_em: f32,
    /// In evenly spaced rows, the anchor column has text on at least this
    /// share of the lines (percent).
    pub row_anchor_pct: usize,
    /// A column whose lines are single tokens at least this often does not
    /// wrap (percent).
    pub row_token_pct: usize,
    /// Width of a space when deciding whether a line's first word would have
    /// fitted on the line above (em).
    pub row_wrap_space_em: f32,
    /// Slack on the column's right edge for that decision (pt).
    pub row_wrap_slack: f32,
    /// A row boundary lies at least this above the next row's first line (pt).
    pub row_boundary_above: f32,
    /// Tables reach this beyond their outermost words (pt).
    pub table_pad: f32,
    /// Consecutive line tops closer than this are not a line pitch (em).
    pub pitch_min_em: f32,
    /// Line pitch assumed when none is found (em).
    pub pitch_default_em: f32,
    /// The line gap hint looks for the next line of a word within this below
    /// it (em of the body size).
    pub gap_hint_search_em: f32,
    /// The line gap hint skips words starting higher than this fraction of the
    /// word's height above its bottom (they are on the same line).
    pub gap_hint_overlap: f32,
    /// The line gap hint needs at least this many gaps (count).
    pub gap_hint_min_samples: usize,
    /// The text size of a table is at least this fraction of the body size.
    pub min_size_of_body: f32,

    // ---- band tables (bands.rs) ----
    /// A line outside a band region joins it when it is within this of the
    /// region's sides, top or bottom (pt).
    pub band_open_slack: f32,
    /// Lines further than this from the region (or the last line taken) do
    /// not join it (em).
    pub band_open_gap_em: f32,
    /// Lines taken are dropped when the next line, closer than this, does not
    /// fit: they were the end of a paragraph (em).
    pub band_open_adjacent_em: f32,
    /// A one-part line larger than this many body sizes is a heading, not a row.
    pub band_heading_size: f32,
    /// Band regions with at most this many boundaries (two bands) have their
    /// rows split further by line spacing (count).
    pub band_split_max_edges: usize,

    // ---- stream tables (stream.rs) ----
    /// Columns are searched this far beyond a run's words (pt).
    pub stream_margin: f32,
    /// A run of table lines ends at a vertical gap larger than this many
    /// line pitches (and than `stream_break_em`).
    pub stream_break_pitch: f32,
    /// A run of table lines ends at a vertical gap larger than this (em; and
    /// than `stream_break_pitch` pitches).
    pub stream_break_em: f32,
    /// A run of table lines ends before a line of one part after a gap more
    /// than this many times the run's largest gap so far (or its pitch).
    pub stream_text_gap: f32,
    /// Two columns whose cells hold more than this many words on average are
    /// running text, not a table.
    pub prose_mean_words: f32,

    // ---- paragraphs and headings (paragraphs.rs) ----
    /// Font sizes are at least this when compared in em (pt).
    pub min_em: f32,
    /// A heading has at most this many characters (count).
    pub heading_max_chars: usize,
    /// A heading has at most this many words (count).
    pub heading_max_words: usize,
    /// Level 1 headings are at least this many body sizes.
    pub heading1_size: f32,
    /// Level 2 headings are at least this many body sizes.
    pub heading2_size: f32,
    /// Level 3 headings are at least this many body sizes (or bold).
    pub heading3_size: f32,
    /// Sizes differing by more than this are a change of size (em).
    pub para_same_size_em: f32,
    /// A baseline step counts towards the page's line spacing when it is more
    /// than this (em).
    pub para_step_min_em: f32,
    /// A baseline step counts towards the page's line spacing when it is at
    /// most this; a larger page spacing is not used for a one-line block (em).
    pub para_step_max_em: f32,
    /// Line spacing assumed for a block of one line without a page spacing (em).
    pub para_step_default_em: f32,
    /// A block's own line spacing is taken as at least this (em).
    pub para_step_floor_em: f32,
    /// A baseline step more than this many times the block's spacing starts
    /// a new block.
    pub para_step_jump: f32,
    /// A vertical gap between lines above this starts a new block (em of the
    /// larger size; the larger of this and `para_gap_min` applies).
    pub para_gap_em: f32,
    /// A vertical gap between lines above this starts a new block, whatever
    /// the size (pt).
    pub para_gap_min: f32,
    /// A line ending more than this fraction of the text width short of its
    /// right edge, followed by a longer one, starts a new block.
    pub para_short_end: f32,
    /// The next line is longer when it reaches this fraction of the text
    /// width further right.
    pub para_longer_next: f32,
    /// A line ending before this fraction of the block's width, followed by
    /// a capital or digit, ends its paragraph.
    pub para_short_line: f32,
    /// A line reaching within this fraction of the block's width of its right
    /// edge is full.
    pub para_full_line: f32,
    /// A line starting more than this left or right of the previous one
    /// starts a new block (em).
    pub para_indent_em: f32,
    /// Two lines are centred on each other when their centres are within this
    /// (em).
    pub para_centre_em: f32,
    /// Centred lines are narrower than this fraction of the page's text width.
    pub para_centred_width: f32,
    /// A first-line indent is at most this deep (em).
    pub para_first_indent_em: f32,
    /// A hanging list item's text starts within this of the next line (em).
    pub para_hanging_em: f32,

    // ---- furniture (furniture.rs) ----
    /// Running headers and footers lie in the top or bottom this fraction of
    /// the page height.
    pub furniture_margin: f32,
    /// A line of at least this many parts is a table row, not a running
    /// header (count).
    pub furniture_row_parts: usize,
    /// Lines repeated at the same place in the margins are furniture when
    /// on at least this fraction of the pages (rounded up).
    pub furniture_same_place_pages: f32,
    /// Lines repeated at the same place are furniture when on at least this
    /// many pages; documents with fewer pages have none of this kind (count).
    pub furniture_same_place_min: usize,
    /// Lines repeated anywhere are furniture when on at least this fraction
    /// of the pages (rounded up).
    pub furniture_anywhere_pages: f32,
    /// Lines repeated anywhere are furniture when on at least this many pages;
    /// documents with fewer pages have none of this kind (count).
    pub furniture_anywhere_min: usize,
    /// Repeated lines are at the same place when their tops or bottoms are
    /// within this (pt).
    pub furniture_same_place: f32,
    /// Lines repeated anywhere are furniture only up to this many characters.
    pub furniture_max_chars: usize,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            min_font_size: 0.5,
            default_font_size: 10.0,
            default_page_height: 842.0,
            min_box_height: 0.1,
            line_search_above: 50.0,
            line_overlap: 0.5,
            line_dominant_height: 0.8,
            script_size: 0.85,
            ordinal_max_len: 3,
            ordinal_gap_em: 0.6,
            script_gap_em: 0.15,

            edge_snap: 3.0,
            edge_snap_span: 6.0,
            edge_join: 3.0,
            edge_meet: 3.0,
            min_edge: 3.0,
            thin_fill: 2.5,
            background_fill: 0.4,
            open_grid_min_edges: 3,

            grid_align: 1.5,
            stacked_column_match: 2.0,
            region_rule_slack: 2.0,
            region_overlap: 0.3,
            region_word_slack: 1.0,
            band_min_rule_frac: 0.2,
            band_min_rule: 40.0,
            band_end_match: 6.0,
            band_side_match: 4.0,
            band_cluster: 2.0,

            cell_word_slack: 1.0,
            column_cross: 1.0,

            column_bin: 0.5,
            column_cross_frac: 0.08,
            column_few_lines: 2,
            column_gap_em: 0.45,
            column_gap_min: 3.5,
            column_gap_few_em: 0.9,
            column_gap_few_min: 6.0,
            column_same_gap: 2.0,
            template_same_gap: 3.0,
            template_clear: 0.5,
            template_cross: 0.5,
            template_match: 4.0,
            chunk_gap_em: 1.0,
            chunk_gap_min: 6.0,

            row_base_max_em: 2.0,
            row_base_min_em: 1.0,
            row_gap_em: 0.3,
            row_gap_min: 2.5,
            row_gap_max_em: 0.8,
            row_same_line_em: 0.6,
            row_anchor_pct: 75,
            row_token_pct: 80,
            row_wrap_space_em: 0.25,
            row_wrap_slack: 0.5,
            row_boundary_above: 0.1,
            table_pad: 0.5,
            pitch_min_em: 0.5,
            pitch_default_em: 1.2,
            gap_hint_search_em: 3.0,
            gap_hint_overlap: 0.5,
            gap_hint_min_samples: 5,
            min_size_of_body: 0.5,

            band_open_slack: 1.0,
            band_open_gap_em: 2.0,
            band_open_adjacent_em: 0.5,
            band_heading_size: 1.1,
            band_split_max_edges: 3,

            stream_margin: 1.0,
            stream_break_pitch: 2.5,
            stream_break_em: 3.0,
            stream_text_gap: 1.6,
            prose_mean_words: 30.0,

            min_em: 1.0,
            heading_max_chars: 160,
            heading_max_words: 25,
            heading1_size: 1.6,
            heading2_size: 1.3,
            heading3_size: 1.12,
            para_same_size_em: 0.1,
            para_step_min_em: 0.5,
            para_step_max_em: 2.0,
            para_step_default_em: 1.2,
            para_step_floor_em: 0.9,
            para_step_jump: 1.2,
            para_gap_em: 0.45,
            para_gap_min: 3.0,
            para_short_end: 0.3,
            para_longer_next: 0.2,
            para_short_line: 0.7,
            para_full_line: 0.15,
            para_indent_em: 1.0,
            para_centre_em: 1.0,
            para_centred_width: 0.8,
            para_first_indent_em: 4.0,
            para_hanging_em: 0.5,

            furniture_margin: 0.12,
            furniture_row_parts: 3,
            furniture_same_place_pages: 0.3,
            furniture_same_place_min: 2,
            furniture_anywhere_pages: 0.5,
            furniture_anywhere_min: 3,
            furniture_same_place: 4.0,
            furniture_max_chars: 120,
        }
    }
}
