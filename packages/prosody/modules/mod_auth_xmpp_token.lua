-- mod_auth_xmpp_token: log in with the short-lived HMAC/TOTP tokens of mod_auth_token
-- (SASL X-TOKEN), hardened. https://github.com/xmpp-token/xmpp-token (packages/prosody)
-- Copyright (c) 2026 xmpp-token contributors. MIT licensed.
--
-- An auth provider that offers the SASL mechanism X-TOKEN itself. It accepts exactly what
-- @xmpp-token/core accepts: the canonical token form only, signatures and OTPs compared in
-- constant time, each token accepted once for its whole validity, never a Lua error on input.
--
--   VirtualHost "example.com"
--     authentication = "xmpp_token"
--     token_secret = "..."   -- a string, or a list: the app mints with the first, all verify
--     otp_seed = "..."       -- base32, a string or a list

local encodings = require "util.encodings";
local hashes = require "util.hashes";
local sasl = require "util.sasl";
local time_now = require "util.time".now;

local base64_encode = encodings.base64.encode;
local nodeprep = encodings.stringprep.nodeprep;
local utf8_valid = encodings.utf8.valid;
local hmac_sha1, hmac_sha256, secure_equals = hashes.hmac_sha1, hashes.hmac_sha256, hashes.equals;
local floor = math.floor;
local s_byte, s_char, s_find, s_format, s_rep, s_sub, s_upper =
	string.byte, string.char, string.find, string.format, string.rep, string.sub, string.upper;
local ipairs, next, pairs, pcall, tostring, type = ipairs, next, pairs, pcall, tostring, type;
local t_concat = table.concat;

-- The protocol, as mod_auth_token hard-codes it (8-digit TOTP, 30 s steps, one step of drift
-- either side), with the nonce length fixed: upstream reads any, which lets a token minted for
-- "1alice" verify for "alice" once its nonce takes the "1" (PROTOCOL.md, digit shift).
local DIGITS, NONCE_DIGITS, STEP_SECONDS, WINDOW = 8, 32, 30, 1;
-- How far ahead a signed OTP is looked for, to log "not_yet_valid" (a slow Prosody clock)
-- rather than "expired".
local FUTURE_STEPS = 10;
local MIN_SECRET_BYTES, MIN_SEED_BYTES, MAX_SEED_BYTES = 16, 10, 64;
-- authzid NUL authcid NUL token: Prosody's SASLprep stops at 1023 bytes a field anyway.
local MAX_MESSAGE_BYTES = 3072;
-- The replay key: 72 bits of the signature, unique per (otp, nonce, jid). A collision could only
-- refuse a token, never accept one.
local REPLAY_KEY_CHARS = 12;
local SWEEP_SECONDS = STEP_SECONDS;

-- The only form accepted: 40 digits, one space, canonical padded base64 of 32 bytes (the last
-- character carries 2 zero bits). Upstream also takes leading garbage, inner whitespace,
-- extra padding and other nonce lengths.
local TOKEN_BYTES = DIGITS + NONCE_DIGITS + 1 + 44;
local TOKEN_PATTERN = "^" .. s_rep("[0-9]", DIGITS + NONCE_DIGITS) .. " "
	.. s_rep("[A-Za-z0-9+/]", 42) .. "[AEIMQUYcgkosw048]=$";

-- Refusal reasons (the same names as @xmpp-token/core) and the SASL condition of each.
local CONDITIONS = {
	malformed = "malformed-request";
	bad_jid = "malformed-request";
	bad_signature = "not-authorized";
	expired = "not-authorized";
	not_yet_valid = "not-authorized";
	replayed = "not-authorized";
	replay_limit = "temporary-auth-failure";
	internal_error = "temporary-auth-failure";
};

local host = module.host;

--- Configuration, read and checked once. Any mistake stops the module from loading, so the
--- host has no auth provider and nobody can log in (fail closed). Messages never echo a value.

local function config_error(message)
	error("mod_auth_xmpp_token: " .. message .. " (see the README of @xmpp-token/prosody)", 0);
end

local function option_list(name)
	local value = module:get_option(name);
	if value == nil or value == "" then
		config_error(name .. " is missing: set it to the same value as the web app's (xmpp-token keygen makes one)");
	end
	if type(value) ~= "table" then value = { value }; end
	local list = {};
	for i, item in ipairs(value) do
		if type(item) ~= "string" then
			config_error(s_format("%s item %d is a %s; give strings", name, i, type(item)));
		end
		list[i] = item;
	end
	if #list == 0 then config_error(name .. " is an empty list; give at least one value"); end
	return list;
end

local BASE32 = {};
for i = 1, 32 do BASE32[s_byte("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", i)] = i - 1; end

-- RFC 4648 base32 as mod_auth_token reads otp_seed: case-insensitive, "=" ignored, trailing
-- bits dropped. Arithmetic only, so it runs on every Lua that Prosody supports.
local function base32_decode(text)
	local bytes, value, bits = {}, 0, 0;
	text = s_upper(text);
	for i = 1, #text do
		local c = s_byte(text, i);
		if c ~= 61 then -- "="
			local digit = BASE32[c];
			if digit == nil then return nil; end
			value, bits = value * 32 + digit, bits + 5;
			if bits >= 8 then
				bits = bits - 8;
				local scale = 2 ^ bits;
				bytes[#bytes + 1] = s_char(floor(value / scale));
				value = value % scale;
			end
		end
	end
	return t_concat(bytes);
end

local function read_secrets()
	local secrets = option_list("token_secret");
	for i, secret in ipairs(secrets) do
		if #secret < MIN_SECRET_BYTES then
			config_error(s_format("token_secret item %d is %d bytes; use at least %d",
				i, #secret, MIN_SECRET_BYTES));
		end
	end
	return secrets;
end

local function read_seeds()
	local seeds = {};
	for i, text in ipairs(option_list("otp_seed")) do
		local key = base32_decode(text);
		if key == nil then
			config_error(s_format("otp_seed item %d is not base32 (A-Z, 2-7, optional =)", i));
		elseif #key < MIN_SEED_BYTES or #key > MAX_SEED_BYTES then
			config_error(s_format("otp_seed item %d decodes to %d bytes; use %d to %d",
				i, #key, MIN_SEED_BYTES, MAX_SEED_BYTES));
		end
		seeds[i] = key;
	end
	return seeds;
end

local secrets, seeds = read_secrets(), read_seeds();
local replay_limit = module:get_option_number("xmpp_token_replay_limit", 1000000);
if replay_limit == nil or replay_limit < 1 or replay_limit ~= floor(replay_limit) then
	config_error("xmpp_token_replay_limit must be a positive whole number");
end

--- Metrics (mod_http_openmetrics): prosody_mod_auth_xmpp_token/<outcome>, one counter each.

local count = { accepted = module:measure("accepted", "rate") };
for reason in pairs(CONDITIONS) do count[reason] = module:measure("refused_" .. reason, "rate"); end
local set_remembered_gauge = module:measure("remembered_tokens", "amount");

--- TOTP (RFC 6238: HMAC-SHA1, T0 = 0), by step number, cached: codes depend on step alone.

local function totp(key, step)
	local counter = {};
	for i = 8, 1, -1 do
		counter[i] = s_char(step % 256);
		step = floor(step / 256);
	end
	local mac = hmac_sha1(key, t_concat(counter));
	local offset = s_byte(mac, 20) % 16;
	local b1, b2, b3, b4 = s_byte(mac, offset + 1, offset + 4);
	local binary = (b1 % 128) * 16777216 + b2 * 65536 + b3 * 256 + b4;
	return s_format("%08d", binary % 100000000);
end

local code_cache, cached_steps = {}, 0;
local function codes_for(step)
	local codes = code_cache[step];
	if codes == nil then
		if cached_steps >= 32 then code_cache, cached_steps = {}, 0; end
		codes = {};
		for i, key in ipairs(seeds) do codes[i] = totp(key, step); end
		code_cache[step], cached_steps = codes, cached_steps + 1;
	end
	return codes;
end

-- True if otp is the code of `step` for any seed. Every seed is compared, in constant time.
local function otp_matches(otp, step)
	local match = false;
	for _, code in ipairs(codes_for(step)) do
		if secure_equals(code, otp) then match = true; end
	end
	return match;
end

-- The latest step in the window whose code is otp (latest: the longest validity to remember).
local function mint_step_of(otp, step)
	local found;
	for s = step - WINDOW, step + WINDOW do
		if otp_matches(otp, s) then found = s; end
	end
	return found;
end

local function is_future(otp, step)
	for s = step + WINDOW + 1, step + WINDOW + FUTURE_STEPS do
		if otp_matches(otp, s) then return true; end
	end
	return false;
end

-- True if any secret signed it. Canonical base64 is unique, so comparing the text is comparing
-- the bytes; no early exit, so time does not tell which secret of a rotation list matched.
local function signed_by_any(message, signature)
	local match = false;
	for _, secret in ipairs(secrets) do
		if secure_equals(base64_encode(hmac_sha256(secret, message)), signature) then match = true; end
	end
	return match;
end

--- Replay memory: key -> the second the token stops verifying. Bounded: expired keys are swept
--- on a timer, and at the limit new tokens are refused rather than live keys evicted (an
--- evicted key could be replayed).

local remembered, remembered_count, full_until = {}, 0, 0;

-- Drops expired keys; returns the earliest expiry left.
local function sweep(now)
	local earliest;
	for key, expiry in pairs(remembered) do
		if expiry <= now then
			remembered[key], remembered_count = nil, remembered_count - 1;
		elseif earliest == nil or expiry < earliest then
			earliest = expiry;
		end
	end
	set_remembered_gauge(remembered_count);
	return earliest;
end

-- true: first use, now remembered; false: a replay; nil: the memory is full.
local function remember(key, expiry, now)
	local known = remembered[key];
	if known ~= nil and known > now then return false; end
	if known == nil and remembered_count >= replay_limit then
		-- While full, no key expires before full_until: refuse without rescanning.
		if now < full_until then return nil; end
		local earliest = sweep(now);
		if remembered_count >= replay_limit then
			full_until = earliest or now;
			return nil;
		end
	end
	if known == nil then remembered_count = remembered_count + 1; end
	remembered[key] = expiry;
	set_remembered_gauge(remembered_count);
	return true;
end

module:add_timer(SWEEP_SECONDS, function ()
	sweep(time_now());
	return SWEEP_SECONDS;
end);

-- Across a clean stop or a module reload the memory goes to storage and comes back; only a
-- crash loses it (tokens accepted in the last 90 s could then be replayed once more).
local replay_store = module:open_store("auth_xmpp_token_replay");

local function persist()
	local live, now = {}, time_now();
	for key, expiry in pairs(remembered) do
		if expiry > now then live[key] = expiry; end
	end
	local ok, err = replay_store:set(nil, next(live) ~= nil and live or nil);
	if not ok and err then
		module:log("error", "Could not save the replay memory (%s): tokens used before this stop may be replayed after it", tostring(err));
	end
end

local function restore()
	local saved = replay_store:get(nil);
	if type(saved) ~= "table" then return; end
	local now = time_now();
	for key, expiry in pairs(saved) do
		if type(key) == "string" and type(expiry) == "number" and expiry > now then
			remembered[key], remembered_count = expiry, remembered_count + 1;
		end
	end
	replay_store:set(nil, nil);
	set_remembered_gauge(remembered_count);
	module:log("debug", "Restored %d remembered tokens", remembered_count);
end
restore();
module:hook_global("server-stopping", persist);
function module.unload() persist(); end

--- Verification: the same pipeline as @xmpp-token/core. Cheap checks first; the replay memory
--- only sees tokens that are otherwise valid.

-- Returns nil and the nodeprepped username on success, else a reason (and the username if known).
local function check(username, token)
	if type(token) ~= "string" or #token ~= TOKEN_BYTES or not s_find(token, TOKEN_PATTERN) then
		return "malformed";
	end
	-- The authcid is a localpart: Prosody's SASL refuses an "@" in it, and so do we.
	if type(username) ~= "string" or s_find(username, "@", 1, true) then return "bad_jid"; end
	local node = nodeprep(username);
	if node == nil or node == "" then return "bad_jid"; end
	local otp, signed = s_sub(token, 1, DIGITS), s_sub(token, 1, DIGITS + NONCE_DIGITS);
	local signature = s_sub(token, DIGITS + NONCE_DIGITS + 2);
	if not signed_by_any(signed .. node .. "@" .. host, signature) then return "bad_signature", node; end
	local now = time_now();
	local step = floor(now / STEP_SECONDS);
	local mint_step = mint_step_of(otp, step);
	if mint_step == nil then return is_future(otp, step) and "not_yet_valid" or "expired", node; end
	local fresh = remember(s_sub(signature, 1, REPLAY_KEY_CHARS), (mint_step + WINDOW + 1) * STEP_SECONDS, now);
	if fresh == nil then return "replay_limit", node; end
	if not fresh then return "replayed", node; end
	return nil, node;
end

-- Runs check() so that nothing escapes: a surprise is logged (without arguments, which hold the
-- token) and refused. Counts and logs every outcome; never logs a token or a secret.
local function guarded_check(username, token)
	local ok, reason, node = pcall(check, username, token);
	if not ok then
		module:log("error", "X-TOKEN check failed unexpectedly, login refused: %s", tostring(reason));
		reason, node = "internal_error", nil;
	end
	count[reason or "accepted"]();
	if reason then
		module:log("debug", "X-TOKEN refused: %s%s", reason, node and " for " .. node or "");
	else
		module:log("debug", "X-TOKEN accepted for %s", node);
	end
	return reason, node;
end

-- authzid NUL authcid NUL token, all valid UTF-8; authzid is ignored, as Prosody's PLAIN does.
local function split_message(message)
	if type(message) ~= "string" or #message > MAX_MESSAGE_BYTES or not utf8_valid(message) then return; end
	local first = s_find(message, "\0", 1, true);
	local second = first and s_find(message, "\0", first + 1, true);
	if second == nil or second == first + 1 or second == #message then return; end
	return s_sub(message, first + 1, second - 1), s_sub(message, second + 1);
end

local function process_x_token(self, message)
	local authcid, token = split_message(message);
	local reason, node;
	if authcid == nil then
		count.malformed();
		module:log("debug", "X-TOKEN refused: %s", "malformed");
		reason = "malformed";
	else
		reason, node = guarded_check(authcid, token);
	end
	if reason then return "failure", CONDITIONS[reason]; end
	self.username = node;
	return "success";
end

-- The mechanism is registered in util.sasl's process-wide table, so it must serve every host:
-- it hands the message to the profile of the handler it was called on (this module's own).
sasl.registerMechanism("X-TOKEN", { "xmpp_token" }, function (self, message)
	local process = self.profile.xmpp_token;
	if type(process) ~= "function" then return "failure", "temporary-auth-failure"; end
	local ok, status, condition = pcall(process, self, message);
	if not ok then return "failure", "temporary-auth-failure"; end
	return status, condition;
end);

--- The auth provider. Users are whoever the web app mints tokens for; a user "exists" (for
--- offline messages, subscriptions) once logged in with a token.

local users_store = module:open_store("auth_xmpp_token_users");
local provider = {};
local sasl_profile = { xmpp_token = process_x_token };

function provider.get_sasl_handler()
	return sasl.new(host, sasl_profile);
end

function provider.test_password(username, password)
	local reason = guarded_check(username, password);
	if reason then return nil, "Token refused: " .. reason; end
	return true;
end

function provider.user_exists(username)
	if users_store:get(username) then return true; end
	return nil, "User has not logged in with a token yet";
end

function provider.users()
	return users_store:users();
end

function provider.delete_user(username)
	return users_store:set(username, nil);
end

function provider.get_password()
	return nil, "Passwords are not stored: users log in with tokens from the web app";
end
provider.set_password = provider.get_password;
provider.create_user = provider.get_password;

module:hook("authentication-success", function (event)
	local username = event.session and event.session.username;
	if username and not users_store:get(username) then
		users_store:set(username, { first_login = floor(time_now()) });
	end
end);

if module:get_option_string("authentication") ~= "xmpp_token" then
	module:log("warn", "Loaded, but this host's authentication is not \"xmpp_token\": X-TOKEN is not offered here");
end
if module:get_option_inherited_set("modules_enabled", {}):contains("sasl_token") then
	module:log("error", "Remove \"sasl_token\" from modules_enabled: mod_sasl_token replaces this module's X-TOKEN mechanism");
end

module:provides("auth", provider);
