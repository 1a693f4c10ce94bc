// engine/tools/dump_format.cc — see dump_format.h and docs/dump-format.md.
#include "tools/dump_format.h"

#include <zstd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace nano::dump {
namespace {

constexpr uint8_t kCodecNone = 0;
constexpr uint8_t kCodecZstd = 1;
constexpr size_t kEndPayloadBytes = 20;
constexpr int kZstdLevel = 3;

std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    t[i] = c;
  }
  return t;
}

bool KnownKind(char k) {
  switch (static_cast<SectionKind>(k)) {
    case SectionKind::kHeader:
    case SectionKind::kDatabase:
    case SectionKind::kSchema:
    case SectionKind::kRelation:
    case SectionKind::kSequence:
    case SectionKind::kRows:
    case SectionKind::kCatalogEntry:
    case SectionKind::kDatabaseEnd:
    case SectionKind::kEnd:
      return true;
  }
  return false;
}

}  // namespace

uint32_t Crc32c(uint32_t crc, const void* data, size_t n) {
  static const std::array<uint32_t, 256> kTable = MakeCrcTable();
  const auto* p = static_cast<const uint8_t*>(data);
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) crc = kTable[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}
uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

Status Corrupt(const std::string& what, uint64_t offset) {
  return Status::Error(sqlstate::kDataCorrupted,
                       "corrupt dump: " + what + " at offset " + std::to_string(offset));
}

// ---- Writer ----

Status Writer::Put(const void* data, size_t n) {
  if (n != 0 && std::fwrite(data, 1, n, out_) != n) {
    return Status::Error(sqlstate::kIoError,
                         std::string("could not write dump: ") + std::strerror(errno));
  }
  file_crc_ = Crc32c(file_crc_, data, n);
  offset_ += n;
  return Status::OK();
}

Status Writer::WriteFileHeader() {
  std::string h(kMagic, sizeof(kMagic));
  PutU32(&h, kFormatVersion);
  PutU32(&h, 0);
  return Put(h.data(), h.size());
}

namespace {
std::string SectionHeader(char kind, uint8_t codec, uint32_t raw_len, uint32_t stored_len) {
  std::string h;
  h.push_back(kind);
  h.push_back(static_cast<char>(codec));
  h.push_back(0);
  h.push_back(0);
  PutU32(&h, raw_len);
  PutU32(&h, stored_len);
  return h;
}
}  // namespace

Status Writer::WriteSection(SectionKind kind, std::string_view raw) {
  if (raw.size() > kMaxSectionRawBytes) {
    return Status::Error(sqlstate::kInternalError, "dump section too large");
  }
  buf_.resize(ZSTD_compressBound(raw.size()));
  size_t n = ZSTD_compress(buf_.data(), buf_.size(), raw.data(), raw.size(), kZstdLevel);
  if (ZSTD_isError(n)) {
    return Status::Error(sqlstate::kInternalError, std::string("zstd: ") + ZSTD_getErrorName(n));
  }
  std::string h = SectionHeader(static_cast<char>(kind), kCodecZstd,
                                static_cast<uint32_t>(raw.size()), static_cast<uint32_t>(n));
  uint32_t crc = Crc32c(Crc32c(0, h.data(), h.size()), buf_.data(), n);
  PutU32(&h, crc);
  NANO_RETURN_IF_ERROR(Put(h.data(), h.size()));
  NANO_RETURN_IF_ERROR(Put(buf_.data(), n));
  ++sections_;
  return Status::OK();
}

Status Writer::WriteEnd(uint64_t total_rows) {
  std::string payload;
  PutU64(&payload, total_rows);
  PutU64(&payload, sections_);
  PutU32(&payload, file_crc_);  // every byte before this section
  std::string h = SectionHeader(static_cast<char>(SectionKind::kEnd), kCodecNone, kEndPayloadBytes,
                                kEndPayloadBytes);
  uint32_t crc = Crc32c(Crc32c(0, h.data(), h.size()), payload.data(), payload.size());
  PutU32(&h, crc);
  NANO_RETURN_IF_ERROR(Put(h.data(), h.size()));
  return Put(payload.data(), payload.size());
}

// ---- Reader ----

Status Reader::Get(void* data, size_t n, const char* what) {
  size_t got = n == 0 ? 0 : std::fread(data, 1, n, in_);
  if (got != n) {
    if (std::ferror(in_)) {
      return Status::Error(sqlstate::kIoError,
                           std::string("could not read dump: ") + std::strerror(errno));
    }
    return Corrupt(std::string("file truncated: ") + what + " needs " + std::to_string(n) +
                       " bytes, only " + std::to_string(got) + " left",
                   offset_ + got);
  }
  offset_ += n;
  return Status::OK();
}

Status Reader::ReadFileHeader() {
  char h[kFileHeaderBytes];
  size_t got = std::fread(h, 1, sizeof(h), in_);
  if (got < sizeof(kMagic) || std::memcmp(h, kMagic, sizeof(kMagic)) != 0) {
    return Corrupt("not a .heliodump file (bad magic)", 0);
  }
  if (got < sizeof(h)) return Corrupt("file truncated inside the file header", got);
  uint32_t version = GetU32(h + 8);
  if (version > kFormatVersion) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "dump format version " + std::to_string(version) +
                             " (at offset 8) is newer than " + "this build reads (" +
                             std::to_string(kFormatVersion) + "); use a newer heliosdb-nano");
  }
  if (version == 0) return Corrupt("invalid format version 0", 8);
  file_crc_ = Crc32c(0, h, sizeof(h));
  offset_ = sizeof(h);
  return Status::OK();
}

Status Reader::Next(SectionKind* kind, std::string* raw, bool* at_end) {
  *at_end = false;
  section_offset_ = offset_;
  uint32_t crc_before = file_crc_;
  char h[kSectionHeaderBytes];
  if (std::feof(in_) || std::fread(h, 1, 1, in_) != 1) {
    return Corrupt("file truncated: no end marker", offset_);
  }
  offset_ += 1;
  NANO_RETURN_IF_ERROR(Get(h + 1, sizeof(h) - 1, "a section header"));
  char k = h[0];
  uint8_t codec = static_cast<uint8_t>(h[1]);
  uint32_t raw_len = GetU32(h + 4);
  uint32_t stored_len = GetU32(h + 8);
  uint32_t want_crc = GetU32(h + 12);
  if (!KnownKind(k) || codec > kCodecZstd || h[2] != 0 || h[3] != 0 ||
      raw_len > kMaxSectionRawBytes || stored_len > ZSTD_compressBound(kMaxSectionRawBytes)) {
    return Corrupt("invalid section header", section_offset_);
  }
  buf_.resize(stored_len);
  NANO_RETURN_IF_ERROR(Get(buf_.data(), stored_len, "a section payload"));
  uint32_t crc = Crc32c(Crc32c(0, h, 12), buf_.data(), stored_len);
  if (crc != want_crc) {
    return Corrupt("checksum mismatch in section '" + std::string(1, k) + "'", section_offset_);
  }
  file_crc_ = Crc32c(Crc32c(crc_before, h, sizeof(h)), buf_.data(), stored_len);
  *kind = static_cast<SectionKind>(k);
  if (*kind == SectionKind::kEnd) {
    if (codec != kCodecNone || stored_len != kEndPayloadBytes) {
      return Corrupt("invalid end marker", section_offset_);
    }
    end_total_rows_ = GetU64(buf_.data());
    uint64_t sections = GetU64(buf_.data() + 8);
    uint32_t whole = GetU32(buf_.data() + 16);
    if (whole != crc_before) return Corrupt("whole-file checksum mismatch", section_offset_);
    if (sections != sections_) return Corrupt("section count mismatch", section_offset_);
    char extra;
    if (std::fread(&extra, 1, 1, in_) == 1) return Corrupt("data after the end marker", offset_);
    *at_end = true;
    return Status::OK();
  }
  if (codec == kCodecNone) {
    if (raw_len != stored_len) return Corrupt("invalid section header", section_offset_);
    raw->assign(buf_);
  } else {
    raw->resize(raw_len);
    size_t n = ZSTD_decompress(raw->data(), raw_len, buf_.data(), stored_len);
    if (ZSTD_isError(n) || n != raw_len) {
      return Corrupt("undecodable compressed payload in section '" + std::string(1, k) + "'",
                     section_offset_);
    }
  }
  ++sections_;
  return Status::OK();
}

}  // namespace nano::dump
