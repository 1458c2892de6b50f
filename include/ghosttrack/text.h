/*
 * text.h - tiny character helpers shared by every text parser.
 *
 * Defined inline here because the parsers call them once per input byte
 * (AVR hex frames, NMEA checksums) and a cross-file call would cost more
 * than the work.
 */
#ifndef GT_TEXT_H
#define GT_TEXT_H

/* Return the value 0..15 of the hexadecimal digit c (either case), or -1
 * when c is not one. */
static inline int gt_text_hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

#endif /* GT_TEXT_H */
