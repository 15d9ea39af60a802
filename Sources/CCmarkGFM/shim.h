#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
// The node's fields (Debian's libcmark-gfm-dev installs it with the library of the same
// version, whose soname names that version): the converter reads positions, links and
// literals with their lengths from the node instead of through a call and a copy each.
#include <cmark-gfm/node.h>
