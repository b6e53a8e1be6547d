# Findpoppler_glib: poppler's GLib interface, for which Debian ships no CMake
# package.
#
#   find_package(poppler_glib [REQUIRED])
#
# gives the imported target poppler_glib::poppler_glib (with GLib's and
# GObject's headers and libraries) and sets poppler_glib_FOUND. pkg-config is
# used as a hint where it is there, and not needed. Installed with zhibiao's
# CMake package, next to its config.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_poppler_glib QUIET poppler-glib)
endif()
find_path(poppler_glib_INCLUDE_DIR NAMES poppler.h PATH_SUFFIXES poppler/glib
          HINTS ${PC_poppler_glib_INCLUDE_DIRS})
find_path(poppler_glib_GLIB_INCLUDE_DIR NAMES glib.h PATH_SUFFIXES glib-2.0
          HINTS ${PC_poppler_glib_INCLUDE_DIRS})
find_path(poppler_glib_GLIBCONFIG_INCLUDE_DIR NAMES glibconfig.h
          PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/glib-2.0/include /usr/lib/glib-2.0/include
          HINTS ${PC_poppler_glib_INCLUDE_DIRS})
# poppler's headers include cairo's
find_path(poppler_glib_CAIRO_INCLUDE_DIR NAMES cairo.h PATH_SUFFIXES cairo
          HINTS ${PC_poppler_glib_INCLUDE_DIRS})
find_library(poppler_glib_LIBRARY NAMES poppler-glib HINTS ${PC_poppler_glib_LIBRARY_DIRS})
find_library(poppler_glib_GOBJECT_LIBRARY NAMES gobject-2.0 HINTS ${PC_poppler_glib_LIBRARY_DIRS})
find_library(poppler_glib_GLIB_LIBRARY NAMES glib-2.0 HINTS ${PC_poppler_glib_LIBRARY_DIRS})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(poppler_glib
  REQUIRED_VARS poppler_glib_LIBRARY poppler_glib_INCLUDE_DIR poppler_glib_GLIB_INCLUDE_DIR
                poppler_glib_GLIBCONFIG_INCLUDE_DIR poppler_glib_CAIRO_INCLUDE_DIR
                poppler_glib_GOBJECT_LIBRARY poppler_glib_GLIB_LIBRARY)

if(poppler_glib_FOUND AND NOT TARGET poppler_glib::poppler_glib)
  add_library(poppler_glib::poppler_glib UNKNOWN IMPORTED)
  set_target_properties(poppler_glib::poppler_glib PROPERTIES
    IMPORTED_LOCATION "${poppler_glib_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES
      "${poppler_glib_INCLUDE_DIR};${poppler_glib_GLIB_INCLUDE_DIR};${poppler_glib_GLIBCONFIG_INCLUDE_DIR};${poppler_glib_CAIRO_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${poppler_glib_GOBJECT_LIBRARY};${poppler_glib_GLIB_LIBRARY}")
endif()
mark_as_advanced(poppler_glib_INCLUDE_DIR poppler_glib_CAIRO_INCLUDE_DIR poppler_glib_GLIB_INCLUDE_DIR
                 poppler_glib_GLIBCONFIG_INCLUDE_DIR poppler_glib_LIBRARY
                 poppler_glib_GOBJECT_LIBRARY poppler_glib_GLIB_LIBRARY)
