using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Commands;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Commands;

/// <summary>What plugins register that the dispatcher cannot use, and a request that breaks unexpectedly.</summary>
[Collection(TestHandlersCollection.Name)]
public sealed class CommandRegistrationTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private static readonly ConversationReference Chat = new("test", "100");
    private readonly ListLogger _log = new();

    private static CommandDescriptor Echo(string name, string said) =>
        new(name, "Echo", "", [], (_, _) => new Probe.Command(said, 1));

    private CommandDispatcher Dispatcher(IEnumerable<CommandDescriptor> commands, params TextMessageRoute[] routes) =>
        Dispatcher(commands, [], routes);

    private CommandDispatcher Dispatcher(IEnumerable<CommandDescriptor> commands, IEnumerable<CommandExtension> extensions, params TextMessageRoute[] routes) =>
        new(commands, routes, extensions, Host.Services.GetRequiredService<IServiceScopeFactory>(), Host.Services.GetRequiredService<PrivateDelivery>(), _log);

    [Fact]
    public async Task A_command_with_an_invalid_name_is_left_out_and_a_second_registration_of_a_name_loses_to_the_first()
    {
        var dispatcher = Dispatcher([Echo("probe", "first"), Echo("Bad-Name", "bad"), Echo("probe", "second")]);

        Assert.Equal(["probe"], dispatcher.Commands.Select(c => c.Name));
        Assert.Equal("first (as User)", (await dispatcher.DispatchAsync("/probe", new CommandContext(HostFixture.User, Chat))).Text);
        Assert.Contains("Error: Command 'Bad-Name' is ignored: a command name is 1–32 characters of a–z, 0–9 and _", _log.Lines);
        Assert.Contains("Error: Command /probe is registered twice; the first registration is kept", _log.Lines);
    }

    private static CommandExtension Variant(string command, string trigger, string said, params string[] flags) =>
        new(command, trigger, $"--{trigger} X", [.. flags.Select(f => new FlagSpec(f, true, f))], (arguments, _) => new Probe.Command($"{said} {arguments.Value(trigger)}", 1));

    [Fact]
    public async Task A_variant_from_another_plugin_takes_the_line_when_its_trigger_is_there_and_only_then()
    {
        var probe = Echo("probe", "plain") with { Flags = [new FlagSpec("model", true, "m")], Usage = "<text>" };
        var dispatcher = Dispatcher([probe], [Variant("probe", "every", "sched", "every", "model", "tz")]);
        var context = new CommandContext(HostFixture.User, Chat);

        Assert.Equal("plain (as User)", (await dispatcher.DispatchAsync("/probe --model m hi", context)).Text);
        Assert.Equal("sched day (as User)", (await dispatcher.DispatchAsync("/probe --every day --model m hi", context)).Text);
        var stray = await dispatcher.DispatchAsync("/probe --tz UTC hi", context);
        Assert.True(stray.IsProblem);
        Assert.StartsWith("--tz goes only with --every.", stray.Text, StringComparison.Ordinal);
        Assert.Equal("<text>\n  or /probe --every X", dispatcher.Commands.Single().Usage);
    }

    [Fact]
    public void A_variant_of_a_missing_command_or_with_a_taken_or_undeclared_trigger_is_ignored_and_logged()
    {
        var probe = Echo("probe", "plain") with { Flags = [new FlagSpec("model", true, "m")] };

        var dispatcher = Dispatcher(
            [probe],
            [Variant("nothing", "every", "x", "every"), Variant("probe", "model", "x", "model"), Variant("probe", "every", "x", "tz"), Variant("probe", "at", "first", "at"), Variant("probe", "at", "second", "at")]);

        Assert.Equal(["model", "at"], dispatcher.Commands.Single().Flags.Select(f => f.Name));
        Assert.Contains("Error: An extension of /nothing is ignored: no plugin registers that command", _log.Lines);
        Assert.Contains("Error: An extension of /probe is ignored: --model is already taken", _log.Lines);
        Assert.Contains("Error: An extension of /probe is ignored: its trigger --every is not one of its flags", _log.Lines);
        Assert.Contains("Error: An extension of /probe is ignored: --at is already taken", _log.Lines);
    }

    [Fact]
    public async Task Text_goes_to_the_first_text_route_and_the_others_are_logged_as_ignored()
    {
        var dispatcher = Dispatcher([], new TextMessageRoute("chat", (_, _) => new Probe.Command("chat", 1)), new TextMessageRoute("rival", (_, _) => new Probe.Command("rival", 1)));

        Assert.Equal("chat (as User)", (await dispatcher.HandleTextAsync("hello", new CommandContext(HostFixture.User, Chat))).Text);
        Assert.Contains("Warning: Text messages already go to chat; the route of rival is ignored", _log.Lines);
    }

    [Fact]
    public async Task A_request_that_breaks_unexpectedly_gets_a_problem_reply_and_the_error_is_logged_not_shown()
    {
        var dispatcher = Dispatcher([], new TextMessageRoute("broken", (_, _) => throw new InvalidOperationException("secret internals at 0x1f")));

        var reply = await dispatcher.HandleTextAsync("hello", new CommandContext(HostFixture.User, Chat));

        Assert.True(reply.IsProblem);
        Assert.Equal("Something went wrong on the bot's side; the error is logged. Try again, or ask an admin to check the logs.", reply.Text);
        Assert.Contains(_log.Errors, e => e.Message == "secret internals at 0x1f");
    }

    private sealed class ListLogger : ILogger<CommandDispatcher>
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly ConcurrentQueue<Exception> _errors = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public IReadOnlyCollection<Exception> Errors => _errors;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
            if (exception is not null)
            {
                _errors.Enqueue(exception);
            }
        }
    }
}
