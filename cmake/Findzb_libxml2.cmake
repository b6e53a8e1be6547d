# Findzb_libxml2: libxml2 for zhibiao's HTML input, found without pkg-config.
#
#   find_package(zb_libxml2 [REQUIRED])
#
# gives the imported target LibXml2::LibXml2 (the name CMake's own FindLibXml2
# uses, which it leaves alone when it exists) and sets zb_libxml2_FOUND.
# CMake's FindLibXml2 calls pkg_check_modules unconditionally (3.25), so it
# fails outright where PkgConfig is disabled; this module uses pkg-config as a
# hint where it is there and does not need it. Installed with zhibiao's CMake
# package, next to its config.
if(TARGET LibXml2::LibXml2)
  set(zb_libxml2_FOUND TRUE)
  return()
endif()
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_zb_libxml2 QUIET libxml-2.0)
endif()
find_path(zb_libxml2_INCLUDE_DIR NAMES libxml/HTMLparser.h PATH_SUFFIXES libxml2
          HINTS ${PC_zb_libxml2_INCLUDE_DIRS})
find_library(zb_libxml2_LIBRARY NAMES xml2 libxml2 HINTS ${PC_zb_libxml2_LIBRARY_DIRS})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(zb_libxml2
  REQUIRED_VARS zb_libxml2_LIBRARY zb_libxml2_INCLUDE_DIR)

if(zb_libxml2_FOUND AND NOT TARGET LibXml2::LibXml2)
  add_library(LibXml2::LibXml2 UNKNOWN IMPORTED)
  set_target_properties(LibXml2::LibXml2 PROPERTIES
    IMPORTED_LOCATION "${zb_libxml2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${zb_libxml2_INCLUDE_DIR}")
endif()
mark_as_advanced(zb_libxml2_INCLUDE_DIR zb_libxml2_LIBRARY)
