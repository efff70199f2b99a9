using PluginBot.Abstractions.Replies;

namespace PluginBot.Abstractions.Commands;

/// <summary>The host's command registry and dispatcher, used by transports.</summary>
public interface ICommandDispatcher
{
    /// <summary>Every registered command, sorted by name.</summary>
    IReadOnlyList<CommandDescriptor> Commands { get; }

    /// <summary>
    /// Parses <paramref name="commandLine"/> (starting with <c>/name</c>), binds it to its request and sends it
    /// through the pipeline as <paramref name="context"/>'s actor. Errors a person can fix (syntax, validation,
    /// authorization, rate limit, not found) come back as a reply, not an exception.
    /// </summary>
    Task<Reply> DispatchAsync(string commandLine, CommandContext context, CancellationToken cancellationToken = default);
}
