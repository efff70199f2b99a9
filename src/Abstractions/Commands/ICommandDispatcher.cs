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

    /// <summary>
    /// A button press: resolves <paramref name="buttonData"/> (a token from <see cref="IButtonTokens"/>) for the
    /// presser and sends its request through the pipeline. A forged, expired or foreign token, like any other error a
    /// person can act on, comes back as a reply.
    /// </summary>
    Task<Reply> PressAsync(string buttonData, CommandContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// A message that is not a command, sent to the plugin that registered the <see cref="TextMessageRoute"/>
    /// (chat, for instance). Without one, the reply points at <c>/help</c>.
    /// </summary>
    Task<Reply> HandleTextAsync(string text, CommandContext context, CancellationToken cancellationToken = default);
}
