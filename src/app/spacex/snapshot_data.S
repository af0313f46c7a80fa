// The bundled SpaceX v4 snapshot (data/spacex-v4/*.json), embedded in the binary so the
// Lambda zip and any copied binary carry it. The build passes data/spacex-v4 as an include
// directory, where both GNU as and clang's integrated assembler look for .incbin files.
// Each file is exposed as xr_snapshot_<name>_begin/_end; see snapshot_source.cc.

#define XR_EMBED(name, file)            \
  .globl xr_snapshot_##name##_begin;    \
  .globl xr_snapshot_##name##_end;      \
  .balign 16;                           \
  xr_snapshot_##name##_begin:           \
  .incbin file;                         \
  xr_snapshot_##name##_end:             \
  .byte 0

  .section .rodata
XR_EMBED(rockets, "rockets.json")
XR_EMBED(launches, "launches.json")
XR_EMBED(launchpads, "launchpads.json")
XR_EMBED(cores, "cores.json")
XR_EMBED(capsules, "capsules.json")
XR_EMBED(ships, "ships.json")

// No executable stack for the object that links this in.
  .section .note.GNU-stack,"",@progbits
