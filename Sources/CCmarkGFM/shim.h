#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
// The node's fields (Debian's libcmark-gfm-dev installs it with the library of the same
// version, whose soname names that version): the converter reads positions, links and
// literals with their lengths from the node instead of through a call and a copy each.
#include <cmark-gfm/node.h>

// The node types the table and strikethrough extensions registered, which their library
// exports but Debian's headers do not declare (cmark-gfm's own `table.h` and `strikethrough.h`
// do): the converter tells extension nodes apart by type instead of by their type string.
// Read through functions, so that Swift sees no mutable C global.
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;
static inline cmark_node_type herald_table_node_type(void) { return CMARK_NODE_TABLE; }
static inline cmark_node_type herald_table_row_node_type(void) { return CMARK_NODE_TABLE_ROW; }
static inline cmark_node_type herald_table_cell_node_type(void) { return CMARK_NODE_TABLE_CELL; }
static inline cmark_node_type herald_strikethrough_node_type(void) { return CMARK_NODE_STRIKETHROUGH; }
