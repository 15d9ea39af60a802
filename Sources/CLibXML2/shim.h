/* Debian's libxml2 is built with ICU; its headers then clash with Foundation's own ICU
   module on a clean build. No ICU-dependent API is used, so the flag is dropped here. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemas.h>
