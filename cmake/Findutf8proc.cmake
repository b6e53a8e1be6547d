# Findutf8proc: utf8proc, for which Debian ships no CMake package.
#
#   find_package(utf8proc [VERSION] [REQUIRED])
#
# gives the imported target utf8proc::utf8proc and sets utf8proc_FOUND,
# utf8proc_VERSION, utf8proc_INCLUDE_DIRS and utf8proc_LIBRARIES. It uses
# utf8proc's own CMake package where one is installed, pkg-config as a hint
# where that is there, and plain find_path/find_library otherwise: pkg-config
# is not needed. Installed with zhibiao's CMake package, next to its config.
find_package(utf8proc CONFIG QUIET)
if(utf8proc_FOUND AND TARGET utf8proc::utf8proc)
  return()
endif()

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_utf8proc QUIET libutf8proc)
endif()
find_path(utf8proc_INCLUDE_DIR NAMES utf8proc.h HINTS ${PC_utf8proc_INCLUDE_DIRS})
find_library(utf8proc_LIBRARY NAMES utf8proc libutf8proc HINTS ${PC_utf8proc_LIBRARY_DIRS})

if(utf8proc_INCLUDE_DIR AND EXISTS "${utf8proc_INCLUDE_DIR}/utf8proc.h")
  file(STRINGS "${utf8proc_INCLUDE_DIR}/utf8proc.h" _utf8proc_version_lines
       REGEX "^#define UTF8PROC_VERSION_(MAJOR|MINOR|PATCH) [0-9]+")
  foreach(_part MAJOR MINOR PATCH)
    string(REGEX REPLACE ".*UTF8PROC_VERSION_${_part} ([0-9]+).*" "\\1" _utf8proc_${_part}
           "${_utf8proc_version_lines}")
  endforeach()
  set(utf8proc_VERSION "${_utf8proc_MAJOR}.${_utf8proc_MINOR}.${_utf8proc_PATCH}")
  unset(_utf8proc_version_lines)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(utf8proc
  REQUIRED_VARS utf8proc_LIBRARY utf8proc_INCLUDE_DIR
  VERSION_VAR utf8proc_VERSION)

if(utf8proc_FOUND)
  set(utf8proc_INCLUDE_DIRS "${utf8proc_INCLUDE_DIR}")
  set(utf8proc_LIBRARIES "${utf8proc_LIBRARY}")
  if(NOT TARGET utf8proc::utf8proc)
    add_library(utf8proc::utf8proc UNKNOWN IMPORTED)
    set_target_properties(utf8proc::utf8proc PROPERTIES
      IMPORTED_LOCATION "${utf8proc_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${utf8proc_INCLUDE_DIR}")
  endif()
endif()
mark_as_advanced(utf8proc_INCLUDE_DIR utf8proc_LIBRARY)
