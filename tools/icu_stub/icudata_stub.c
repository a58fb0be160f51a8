/* An empty ICU common-data library, put in the Linux bundle in place of Qt's
 * libicudata (31 MB): ICU's own "stubdata" (icu4c/source/stubdata/stubdata.cpp,
 * Unicode licence), written in C. build_installer.spec compiles it with
 * -DICU_ENTRY=icudt<N>_dat for the ICU version the PySide6 wheel links.
 *
 * Why the app runs without the data: the character properties, case mapping
 * and normalisation ICU needs are compiled into libicuuc itself; Qt draws and
 * shapes text (Arabic, Ge'ez) with its own tables and HarfBuzz; dates and
 * numbers come from Qt's and Babel's CLDR tables; the app sorts names in
 * Python and SQL, never with QCollator (which, without data, warns and falls
 * back to comparing code points). Measured in build_installer.spec's notes. */
/* No header and no C library (compiled with -nostdlib): a machine with only
 * gcc, without libc6-dev, builds it (a fresh Debian with --no-install-recommends). */
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;

#ifndef ICU_ENTRY
#error "define ICU_ENTRY, e.g. -DICU_ENTRY=icudt73_dat"
#endif

typedef struct { uint16_t headerSize; uint8_t magic1, magic2; } MappedData;
typedef struct {
    uint16_t size, reservedWord;
    uint8_t isBigEndian, charsetFamily, sizeofUChar, reservedByte;
    uint8_t dataFormat[4], formatVersion[4], dataVersion[4];
} UDataInfo;
typedef struct {
    MappedData hdr;
    UDataInfo info;
    char padding[8];
    uint32_t count, reserved;
    struct { uint32_t nameOffset, dataOffset; } toc[1];
} ICUDataHeader;

__attribute__((visibility("default"))) const ICUDataHeader ICU_ENTRY = {
    {32, 0xda, 0x27},
    {sizeof(UDataInfo), 0, __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__, 0 /* ASCII family */, 2, 0,
     {0x43, 0x6d, 0x6e, 0x44} /* "CmnD" */, {1, 0, 0, 0}, {0, 0, 0, 0}},
    {0}, 0 /* no entries */, 0, {{0, 0}}};
