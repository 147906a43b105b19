-- Runs mod_auth_xmpp_token outside Prosody, on a clock the test sets, with Prosody's own
-- util.encodings, util.hashes, util.sasl and util.json (as the vectors were made): only the
-- `module` API object and util.time are stand-ins.
--
-- lua5.4 harness.lua <module file> <prosody source dir> < scenarios.json > results.json
-- Input: { "scenarios": [ { "options": {...}, "steps": [ { "op": ..., "at": <unix ms>, ... } ] } ] }
-- Every scenario starts from empty storage; "restart" and "crash" load a fresh module instance.

-- luacheck: ignore 212/self

local module_file = assert(arg[1], "usage: harness.lua <module file> <prosody source dir>");
local source_dir = assert(arg[2], "usage: harness.lua <module file> <prosody source dir>");
package.path = source_dir .. "/?.lua;" .. package.path;
package.cpath = source_dir .. "/?.so;" .. package.cpath;

local clock, clock_fails = 0, false;
package.loaded["util.time"] = {
	now = function ()
		if clock_fails then error("clock unavailable (a fault the test injects)"); end
		return clock;
	end;
};

local json = require "util.json";
local hex = require "util.hex";
local set = require "util.set";

local HOST = "example.test";

local function new_store(data)
	return {
		get = function (_, key) return data[key or "\0host"]; end;
		set = function (_, key, value) data[key or "\0host"] = value; return true; end;
		users = function ()
			local names = {};
			for key in pairs(data) do if key ~= "\0host" then names[#names + 1] = key; end end
			local i = 0;
			return function () i = i + 1; return names[i]; end;
		end;
	};
end

-- Loads the module as Prosody would, with `options` as its configuration.
local function load_instance(options, stores)
	local instance = { logs = {}, counts = {}, gauges = {}, timers = {}, hooks = {}, global_hooks = {} };
	local api = { host = HOST, name = "auth_xmpp_token" };
	function api:get_option(name) return options[name]; end
	function api:get_option_string(name, default)
		local value = options[name];
		if type(value) == "table" then value = value[1]; end
		if value == nil then return default; end
		return tostring(value);
	end
	function api:get_option_number(name, default)
		local value = options[name];
		if value == nil then return default; end
		return tonumber(value);
	end
	function api:get_option_inherited_set(name, default) return set.new(options[name] or default); end
	function api:measure(name, kind)
		return function (value)
			if kind == "rate" then
				instance.counts[name] = (instance.counts[name] or 0) + 1;
				instance.last = name;
			else
				instance.gauges[name] = value;
			end
		end;
	end
	function api:add_timer(_, callback) instance.timers[#instance.timers + 1] = callback; end
	function api:open_store(name)
		stores[name] = stores[name] or {};
		return new_store(stores[name]);
	end
	function api:hook(name, handler) instance.hooks[name] = handler; end
	function api:hook_global(name, handler) instance.global_hooks[name] = handler; end
	function api:provides(kind, provider) instance[kind] = provider; end
	function api:log(level, format, ...)
		instance.logs[#instance.logs + 1] = level .. " " .. format:format(...);
	end
	module = api;
	local ok, err = pcall(assert(loadfile(module_file)));
	instance.module, instance.load_error = api, (not ok) and tostring(err) or nil;
	return instance;
end

local function last_outcome(instance)
	local outcome = instance.last;
	instance.last = nil;
	return outcome;
end

local steps = {};

function steps.sasl(instance, step)
	local handler = instance.auth.get_sasl_handler();
	assert(handler:select("X-TOKEN"), "X-TOKEN not offered");
	local status, condition = handler:process(hex.decode(step.message_hex));
	return { status = status, condition = condition, username = handler.username, outcome = last_outcome(instance) };
end

function steps.test_password(instance, step)
	local ok, err = instance.auth.test_password(step.username, hex.decode(step.password_hex));
	return { ok = ok == true, error = err, outcome = last_outcome(instance) };
end

function steps.timers(instance)
	for _, callback in ipairs(instance.timers) do callback(clock); end
	return { remembered = instance.gauges.remembered_tokens };
end

function steps.login_event(instance, step)
	instance.hooks["authentication-success"]({ session = { username = step.username } });
	return {};
end

function steps.user_exists(instance, step)
	return { exists = instance.auth.user_exists(step.username) == true };
end

function steps.clock_fails(_, step)
	clock_fails = step.value;
	return {};
end

function steps.memory(instance, step)
	collectgarbage("collect");
	local before = collectgarbage("count");
	local accepted = 0;
	for _, message in ipairs(step.messages_hex) do
		local handler = instance.auth.get_sasl_handler();
		handler:select("X-TOKEN");
		if handler:process(hex.decode(message)) == "success" then accepted = accepted + 1; end
	end
	collectgarbage("collect");
	return { accepted = accepted, kilobytes = collectgarbage("count") - before };
end

local function run(scenario)
	local stores, results = {}, {};
	local instance = load_instance(scenario.options, stores);
	for _, step in ipairs(scenario.steps or {}) do
		if instance.load_error then break; end
		clock = (step.at or 0) / 1000;
		if step.op == "restart" or step.op == "crash" or step.op == "unload" then
			if step.op == "restart" then instance.global_hooks["server-stopping"](); end
			if step.op == "unload" then instance.module.unload(); end
			instance = load_instance(scenario.options, stores);
			results[#results + 1] = { load_error = instance.load_error };
		else
			results[#results + 1] = steps[step.op](instance, step);
		end
	end
	return {
		load_error = instance.load_error,
		results = results,
		logs = instance.logs,
		counts = instance.counts,
		stores = stores,
	};
end

local input = json.decode(io.read("a"));
local output = {};
for i, scenario in ipairs(input.scenarios) do output[i] = run(scenario); end
io.write(json.encode({ scenarios = output }));
