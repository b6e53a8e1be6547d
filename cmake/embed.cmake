# A file's bytes as a C array ended by a NUL, at build time:
#   cmake -DIN=page.html -DOUT=page.c -DNAME=zb_page -DHEADER=dashboard.h -P embed.cmake
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# lines of 16 bytes, for compilers and people reading the file
string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}" "/* generated from ${IN} by cmake/embed.cmake: edit that file */\n"
     "#include \"${HEADER}\"\n"
     "const char ${NAME}[] = {\n${bytes}0};\n"
     "const size_t ${NAME}_size = sizeof ${NAME} - 1;\n")
