-- luacheck for the Prosody module: Prosody runs it on Lua 5.1 to 5.4 (and LuaJIT), and gives it
-- the global `module` (its API object, on which it sets `unload`).
std = "max"
globals = { "module" }
max_line_length = 150
