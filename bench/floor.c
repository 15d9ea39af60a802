/* The in-process floor of a Herald build: the C work every build with Herald's outputs must do,
 * done by the same Debian libraries in one process, without any glue.
 *
 *   floor MD_LIST OUT_LIST CSAF_LIST OUT_DIR PART PARTS
 *
 * MD_LIST: Markdown paths, one a line. OUT_LIST: "<size> <relative path>" of every file a Herald
 * build wrote (pages are the lines ending in ".html"). CSAF_LIST: paths of Herald's CSAF documents.
 * This process takes lines PART, PART + PARTS, … of MD_LIST and CSAF_LIST, and its share of OUT_LIST
 * dealt by size (each line goes to the process with the fewest bytes so far, pages and other files
 * dealt apart; every process computes the same deal), so that PARTS processes run at once do equal
 * work. It prints, for each part, its CPU seconds (this process) and wall seconds:
 *
 *   read    reading every Markdown file into memory
 *   parse   cmark-gfm parse (tables on, strikethrough off, CMARK_OPT_UNSAFE | VALIDATE_UTF8)
 *   render  cmark-gfm's C HTML renderer (CMARK_OPT_UNSAFE), the body of every document
 *   html    libxml2's HTML parse of "<html><body>" + raw + "</body></html>", raw being the literals of
 *           the document's HTML_BLOCK and HTML_INLINE nodes one after the other (the untrusted HTML any
 *           sanitiser must parse; Herald writes its own escaped HTML without libxml2), for the
 *           documents that have any
 *   xhtml   libxml2's parse of the whole body and writing it back as XML (not in the sum: it stands
 *           for the sanitiser's writer and makes the bodies of the pages of the xml part)
 *   xml     libxml2's XML parse, tree-building callbacks off (as XMLChecker does), of one page per
 *           HTML file Herald wrote: a page shell around a body, padded to the size of Herald's file
 *   hash    SHA-256 and SHA-512 (OpenSSL's libcrypto) of every CSAF document (read before timing)
 *   write   creating every output file with Herald's path and size (directories as needed)
 */
#define _GNU_SOURCE
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { READ, PARSE, RENDER, HTML, XHTML, XML, HASH, WRITE, PART_COUNT };
static const char *part_names[PART_COUNT] = {"read", "parse", "render", "html", "xhtml", "xml", "hash", "write"};
static double cpu_seconds[PART_COUNT], wall_seconds[PART_COUNT];

typedef struct { double cpu, wall; } stamp;

static stamp now(void) {
    struct timespec cpu, wall;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    clock_gettime(CLOCK_MONOTONIC, &wall);
    return (stamp){cpu.tv_sec + cpu.tv_nsec / 1e9, wall.tv_sec + wall.tv_nsec / 1e9};
}

/* Adds the time since *since to part and moves *since to now. */
static void charge(int part, stamp *since) {
    stamp t = now();
    cpu_seconds[part] += t.cpu - since->cpu;
    wall_seconds[part] += t.wall - since->wall;
    *since = t;
}

static void die(const char *what, const char *detail) {
    fprintf(stderr, "floor: %s %s: %s\n", what, detail, strerror(errno));
    exit(1);
}

typedef struct { char *bytes; size_t count, capacity; } buffer;

static void append(buffer *b, const char *bytes, size_t count) {
    if (b->count + count + 1 > b->capacity) {
        b->capacity = (b->count + count + 1) * 2;
        b->bytes = realloc(b->bytes, b->capacity);
        if (!b->bytes) die("out of memory", "");
    }
    memcpy(b->bytes + b->count, bytes, count);
    b->count += count;
    b->bytes[b->count] = 0;
}

static void append_text(buffer *b, const char *text) { append(b, text, strlen(text)); }

static buffer read_file(const char *path) {
    buffer b = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0) die("cannot open", path);
    struct stat info;
    if (fstat(fd, &info) != 0) die("cannot stat", path);
    b.capacity = (size_t)info.st_size + 1;
    b.bytes = malloc(b.capacity);
    ssize_t got;
    while ((got = read(fd, b.bytes + b.count, b.capacity - 1 - b.count)) > 0) b.count += (size_t)got;
    if (got < 0) die("cannot read", path);
    b.bytes[b.count] = 0;
    close(fd);
    return b;
}

static int is_page(const char *line) {
    size_t length = strlen(line);
    return length >= 5 && strcmp(line + length - 5, ".html") == 0;
}

/* The lines PART, PART + PARTS, … of a list file; with by_size, the lines ("<size> <path>") dealt
 * to PART when each goes to the part with the fewest bytes so far (pages and other files apart). */
static char **lines_of(const char *path, int part, int parts, int by_size, size_t *count) {
    FILE *file = fopen(path, "r");
    if (!file) die("cannot open", path);
    char **lines = NULL;
    size_t n = 0, capacity = 0, index = 0;
    char *line = NULL;
    size_t length = 0;
    ssize_t got;
    size_t *dealt = calloc(2 * (size_t)parts, sizeof *dealt);
    while ((got = getline(&line, &length, file)) > 0) {
        if (line[got - 1] == '\n') line[--got] = 0;
        if (got == 0) continue;
        size_t owner = index++ % (size_t)parts;
        if (by_size) {
            size_t *totals = dealt + (is_page(line) ? (size_t)parts : 0);
            owner = 0;
            for (size_t p = 1; p < (size_t)parts; p++)
                if (totals[p] < totals[owner]) owner = p;
            totals[owner] += strtoull(line, NULL, 10);
        }
        if (owner != (size_t)part) continue;
        if (n == capacity) lines = realloc(lines, (capacity = capacity * 2 + 64) * sizeof *lines);
        lines[n++] = strdup(line);
    }
    free(line);
    free(dealt);
    fclose(file);
    *count = n;
    return lines;
}

/* mkdir -p of the folder part of path (path is changed and restored). */
static void make_parents(char *path) {
    for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = 0;
        if (mkdir(path, 0755) != 0 && errno != EEXIST) die("cannot create", path);
        *slash = '/';
    }
}

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>Page</title>\n"
    "<link rel=\"stylesheet\" href=\"/assets/site.css\" />\n</head>\n<body>\n<div class=\"layout\">\n"
    "<nav class=\"toc\" aria-label=\"navigation\">\n<ul>\n";
static const char page_navigation_item[] = "<li><a href=\"/zh-cn/securityadvisories/2008/954474/\">954474</a></li>\n";
static const char page_middle[] = "</ul>\n</nav>\n<main>\n<article class=\"advisory\">\n<div class=\"body\">\n";
static const char page_tail[] = "</div>\n</article>\n</main>\n</div>\n</body>\n</html>\n";

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: floor MD_LIST OUT_LIST CSAF_LIST OUT_DIR PART PARTS\n");
        return 2;
    }
    int part = atoi(argv[5]), parts = atoi(argv[6]);
    size_t document_count, output_count, csaf_count;
    char **documents = lines_of(argv[1], part, parts, 0, &document_count);
    char **outputs = lines_of(argv[2], part, parts, 1, &output_count);
    char **csaf_paths = lines_of(argv[3], part, parts, 0, &csaf_count);
    buffer *csaf = calloc(csaf_count + 1, sizeof *csaf);
    for (size_t i = 0; i < csaf_count; i++) csaf[i] = read_file(csaf_paths[i]);

    xmlInitParser();
    cmark_gfm_core_extensions_ensure_registered();
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    buffer *bodies = calloc(document_count + 1, sizeof *bodies);
    size_t markdown_bytes = 0, rendered_bytes = 0, xhtml_bytes = 0, raw_documents = 0, raw_bytes = 0;
    buffer raw = {0};
    const int html_options = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;

    stamp clock = now();
    for (size_t i = 0; i < document_count; i++) {
        buffer markdown = read_file(documents[i]);
        markdown_bytes += markdown.count;
        charge(READ, &clock);

        cmark_parser *parser = cmark_parser_new(CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8);
        cmark_parser_attach_syntax_extension(parser, table);
        cmark_parser_feed(parser, markdown.bytes, markdown.count);
        cmark_node *root = cmark_parser_finish(parser);
        charge(PARSE, &clock);

        char *html = cmark_render_html(root, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser));
        charge(RENDER, &clock);

        raw.count = 0;
        append_text(&raw, "<html><body>");
        size_t raw_start = raw.count;
        cmark_iter *iter = cmark_iter_new(root);
        for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
            cmark_node *node = cmark_iter_get_node(iter);
            cmark_node_type type = cmark_node_get_type(node);
            if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE))
                append_text(&raw, cmark_node_get_literal(node));
        }
        cmark_iter_free(iter);
        if (raw.count > raw_start) {
            raw_documents++;
            raw_bytes += raw.count - raw_start;
            append_text(&raw, "</body></html>");
            htmlDocPtr fragments = htmlReadMemory(raw.bytes, (int)raw.count, NULL, "UTF-8", html_options);
            if (fragments) xmlFreeDoc(fragments);
        }
        charge(HTML, &clock);

        cmark_node_free(root);
        cmark_parser_free(parser);
        free(markdown.bytes);
        charge(PARSE, &clock);

        buffer input = {0};
        append_text(&input, "<html><body>");
        append_text(&input, html);
        append_text(&input, "</body></html>");
        rendered_bytes += strlen(html);
        free(html);
        htmlDocPtr document = htmlReadMemory(input.bytes, (int)input.count, NULL, "UTF-8", html_options);
        free(input.bytes);

        xmlBufferPtr out = xmlBufferCreate();
        xmlNodePtr root_element = document ? xmlDocGetRootElement(document) : NULL;
        xmlNodePtr body = root_element ? root_element->children : NULL;
        while (body && !(body->type == XML_ELEMENT_NODE && strcmp((const char *)body->name, "body") == 0)) body = body->next;
        if (body) {
            document->type = XML_DOCUMENT_NODE;
            xmlSaveCtxtPtr save = xmlSaveToBuffer(out, "UTF-8", XML_SAVE_AS_XML | XML_SAVE_NO_DECL);
            for (xmlNodePtr child = body->children; child; child = child->next) xmlSaveTree(save, child);
            xmlSaveClose(save);
        }
        append(&bodies[i], (const char *)xmlBufferContent(out), (size_t)xmlBufferLength(out));
        xhtml_bytes += bodies[i].count;
        xmlBufferFree(out);
        charge(XHTML, &clock);
        if (document) xmlFreeDoc(document);
        charge(XHTML, &clock);
    }

    /* Pages: one per HTML file of Herald's output, each padded to that file's size. Building the
     * page (a copy) is not timed; the parse is. */
    size_t page_count = 0, page_bytes = 0, well_formed = 0;
    buffer page = {0};
    for (size_t i = 0; i < output_count && document_count > 0; i++) {
        if (!is_page(outputs[i])) continue;
        size_t target = strtoull(outputs[i], NULL, 10);
        const buffer *body = &bodies[page_count % document_count];
        page.count = 0;
        append_text(&page, page_head);
        while (page.count + body->count + sizeof page_middle + sizeof page_tail + sizeof page_navigation_item < target)
            append_text(&page, page_navigation_item);
        append_text(&page, page_middle);
        append(&page, body->bytes, body->count);
        append_text(&page, page_tail);
        page_count++;
        page_bytes += page.count;
        clock = now();
        xmlParserCtxtPtr context = xmlNewParserCtxt();
        context->sax->startDocument = NULL;
        context->sax->endDocument = NULL;
        context->sax->internalSubset = NULL;
        context->sax->externalSubset = NULL;
        context->sax->startElement = NULL;
        context->sax->endElement = NULL;
        context->sax->startElementNs = NULL;
        context->sax->endElementNs = NULL;
        context->sax->characters = NULL;
        context->sax->ignorableWhitespace = NULL;
        context->sax->cdataBlock = NULL;
        context->sax->comment = NULL;
        context->sax->processingInstruction = NULL;
        context->sax->reference = NULL;
        context->sax->error = NULL;
        context->sax->warning = NULL;
        context->sax->serror = NULL;
        xmlDocPtr parsed = xmlCtxtReadMemory(context, page.bytes, (int)page.count, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
        if (parsed) xmlFreeDoc(parsed);
        if (context->wellFormed) well_formed++;
        xmlFreeParserCtxt(context);
        charge(XML, &clock);
    }

    unsigned char digest[SHA512_DIGEST_LENGTH];
    size_t csaf_bytes = 0;
    clock = now();
    for (size_t i = 0; i < csaf_count; i++) {
        SHA256((const unsigned char *)csaf[i].bytes, csaf[i].count, digest);
        SHA512((const unsigned char *)csaf[i].bytes, csaf[i].count, digest);
        csaf_bytes += csaf[i].count;
    }
    charge(HASH, &clock);

    /* Writing: every output file with Herald's relative path and size, from one filler buffer. */
    size_t largest = 0, written = 0;
    for (size_t i = 0; i < output_count; i++) {
        size_t size = strtoull(outputs[i], NULL, 10);
        if (size > largest) largest = size;
    }
    char *filler = malloc(largest + 1);
    memset(filler, 'x', largest + 1);
    buffer path = {0};
    clock = now();
    for (size_t i = 0; i < output_count; i++) {
        char *relative = strchr(outputs[i], ' ');
        if (!relative) continue;
        size_t size = strtoull(outputs[i], NULL, 10);
        path.count = 0;
        append_text(&path, argv[4]);
        append_text(&path, "/");
        append_text(&path, relative + 1);
        int fd = open(path.bytes, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 && errno == ENOENT) {
            make_parents(path.bytes);
            fd = open(path.bytes, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        }
        if (fd < 0) die("cannot create", path.bytes);
        for (size_t done = 0; done < size;) {
            ssize_t wrote = write(fd, filler, size - done);
            if (wrote <= 0) die("cannot write", path.bytes);
            done += (size_t)wrote;
        }
        close(fd);
        written += size;
    }
    charge(WRITE, &clock);

    printf("documents %zu markdown_bytes %zu rendered_bytes %zu raw_html_documents %zu raw_html_bytes %zu xhtml_bytes %zu pages %zu page_bytes %zu well_formed %zu csaf %zu csaf_bytes %zu files %zu file_bytes %zu\n",
           document_count, markdown_bytes, rendered_bytes, raw_documents, raw_bytes, xhtml_bytes, page_count, page_bytes, well_formed, csaf_count, csaf_bytes, output_count, written);
    for (int p = 0; p < PART_COUNT; p++) printf("%s %.4f %.4f\n", part_names[p], cpu_seconds[p], wall_seconds[p]);
    return 0;
}
