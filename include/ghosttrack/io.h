/*
 * io.h - files, gzip, directories and sockets: the only library code that
 * touches the file system or the network.
 *
 * Readers decompress gzip transparently (plain files pass through
 * unchanged), so every parser sees the content bytes; every byte inflated
 * before damage (a bad CRC, a corrupt block, a cut) is handed over before
 * the damage is reported.  Directory
 * listings are recursive and sorted byte-wise, so an ingest of a folder
 * is deterministic.  Sockets are plain blocking file descriptors with a
 * poll-based wait; reconnecting and sleeping are left to the caller (cli),
 * since nothing below cli reads the clock.  gt_io_backoff_ms() computes the
 * exponential back-off delays.
 */
#ifndef GT_IO_H
#define GT_IO_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

struct gt_io_file;

/* Open path for reading ("-" is standard input), gunzipping when the
 * content is gzip.  Returns GT_OK, GT_ERR_NOTFOUND, GT_ERR_IO or
 * GT_ERR_NOMEM; on success *out is owned by the caller (gt_io_close). */
GT_MUST_CHECK int gt_io_open(const char *path, struct gt_io_file **out);

/* Read up to n content bytes into p.  Returns the count (> 0), 0 at the
 * end, or GT_ERR_BADDATA when a gzip stream is corrupt or truncated (the
 * bytes before the damage have been returned by earlier calls), or
 * GT_ERR_IO. */
GT_MUST_CHECK int gt_io_read(struct gt_io_file *f, void *p, size_t n);

/* Move to content offset pos (for reading evidence back).  Returns GT_OK
 * or GT_ERR_IO. */
GT_MUST_CHECK int gt_io_seek(struct gt_io_file *f, uint64_t pos);

/* Return 1 when the last gt_io_read() returned GT_ERR_BADDATA because the
 * gzip data end before their trailer (a file cut short: every byte before
 * the cut has been returned), 0 otherwise. */
int gt_io_truncated(const struct gt_io_file *f);

/* zlib's text for the last read error of f, "PATH: reason" ("<fd:N>:
 * reason" for standard input), or "" when none.  Valid until the next
 * call on f. */
const char *gt_io_errmsg(struct gt_io_file *f);

/* Inflate what the leading n bytes of a gzip file p hold, up to size bytes
 * into out, for sniffing the content of a gzip input from its first raw
 * bytes.  Returns the number of bytes written (0 when p is not gzip). */
size_t gt_io_gunzip_head(const uint8_t *p, size_t n, uint8_t *out, size_t size);

/* A line of a file read by gt_io_for_lines(): n bytes at p (the newline
 * included when there is one) starting at content offset off. */
typedef void gt_io_line_fn(void *ud, const uint8_t *p, size_t n, uint64_t off);

/* Read f to its end through a window of chunk + max_line bytes and call fn
 * for every line.  The last line may lack its newline; a line that does not
 * fit the window is handed over in window-sized pieces.  Returns GT_OK at
 * the end; on a read error returns it at once, the lines before it handed
 * over, except that when the gzip data are only cut short
 * (gt_io_truncated()) the bytes read so far are handed over first.
 * Returns GT_ERR_NOMEM when the window cannot be allocated. */
GT_MUST_CHECK int gt_io_for_lines(struct gt_io_file *f, size_t chunk, size_t max_line,
                                  gt_io_line_fn *fn, void *ud);

/* Close; gt_io_close(NULL) is a no-op. */
void gt_io_close(struct gt_io_file *f);

/* Return 1 when path is a regular file (it can be read twice: hashed,
 * then read), 0 when it is something else that can be read once (a FIFO,
 * a character device), or GT_ERR_NOTFOUND / GT_ERR_IO. */
GT_MUST_CHECK int gt_io_is_regular(const char *path);

/* Hash the raw bytes of the file at path (SHA-256, lower-case hex into
 * hex, 65 bytes) and give its size.  Returns GT_OK, GT_ERR_NOTFOUND or
 * GT_ERR_IO (also for anything but a regular file: a FIFO or a device can
 * be read only once, and is never waited for). */
GT_MUST_CHECK int gt_io_hash_file(const char *path, char hex[65], uint64_t *size);

/* List the regular files under path: path itself when it is a file, else
 * every file below it, recursively, hidden names (".x") skipped, sorted
 * byte-wise by full path.  *paths (array and strings) is owned by the
 * caller: free with gt_io_list_free().  Returns GT_OK, GT_ERR_NOTFOUND,
 * GT_ERR_IO or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_io_list(const char *path, char ***paths, size_t *n);

/* An entry below the top that gt_io_list_ex() left out, and why:
 * "dangling-symlink", "symlink-loop", "unreadable-entry",
 * "unreadable-folder", "folder-cycle" (a folder already entered: a link
 * back up, or a second link to it) or "folder-too-deep" (over 32 levels). */
typedef void gt_io_skip_fn(void *ud, const char *path, const char *why);

/* gt_io_list(), but an entry below path that cannot be listed is skipped
 * and handed to skip (when non-NULL) instead of failing the walk, every
 * folder is entered once (by device and inode), and the walk ends with
 * GT_ERR_EOF as soon as *stop (when non-NULL) becomes non-zero.  Only path
 * itself failing fails the walk (GT_ERR_NOTFOUND, GT_ERR_IO). */
GT_MUST_CHECK int gt_io_list_ex(const char *path, volatile const int *stop, gt_io_skip_fn *skip,
                                void *ud, char ***paths, size_t *n);

/* Free a list from gt_io_list(). */
void gt_io_list_free(char **paths, size_t n);

/* Connect a TCP socket to host:port.  Returns GT_OK with *fd set, or
 * GT_ERR_IO (refused, unreachable, the resolver down for now) or
 * GT_ERR_NOTFOUND (unknown host or service). */
GT_MUST_CHECK int gt_io_tcp_connect(const char *host, const char *port, int *fd);

/* Bind a UDP socket on port (all IPv4 addresses, or host when non-NULL and
 * not empty).  Returns GT_OK with *fd set, or GT_ERR_IO. */
GT_MUST_CHECK int gt_io_udp_listen(const char *host, const char *port, int *fd);

/* Wait up to timeout_ms for fd to be readable.  Returns 1 when readable,
 * 0 on timeout (or an interrupting signal), GT_ERR_IO on error. */
GT_MUST_CHECK int gt_io_wait(int fd, int timeout_ms);

/* Receive up to n bytes.  Returns the count (> 0), 0 when the peer closed
 * the connection, or GT_ERR_IO. */
GT_MUST_CHECK int gt_io_recv(int fd, void *p, size_t n);

/* Close a socket; negative fds are ignored. */
void gt_io_fd_close(int fd);

/* Split a live source "tcp://HOST:PORT" or "udp://[HOST]:PORT" into its
 * parts (copied into host and port, each of size bytes).  *udp is set to
 * 1 for UDP.  PORT must be 1..65535 in decimal; HOST a name or address
 * (IPv6 in brackets), with no path, user or query part.  Returns GT_OK, or
 * GT_ERR_INVAL when s is not such a URL. */
GT_MUST_CHECK int gt_io_parse_url(const char *s, int *udp, char *host, char *port, size_t size);

/* The delay before reconnect attempt number attempt (0-based): 500 ms
 * doubling up to max_ms. */
int64_t gt_io_backoff_ms(unsigned attempt, int64_t max_ms);

#endif /* GT_IO_H */
