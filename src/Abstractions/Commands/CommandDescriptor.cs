using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Abstractions.Commands;

/// <summary>A flag a command accepts.</summary>
/// <param name="Name">Without dashes, e.g. <c>model</c> for <c>--model</c>.</param>
/// <param name="TakesValue">True for <c>--flag value</c>, false for a bare switch.</param>
/// <param name="Description">One line for the help text.</param>
public sealed record FlagSpec(string Name, bool TakesValue, string Description);

/// <summary>Who sent a command, and where.</summary>
/// <param name="Actor">The sender.</param>
/// <param name="Conversation">The conversation it was sent in.</param>
public sealed record CommandContext(Actor Actor, ConversationReference Conversation)
{
    /// <summary>
    /// The transport's name for this one delivery (<c>telegram:&lt;bot id&gt;:&lt;update id&gt;</c>), the same when the
    /// transport hands the same message over again (after a crash between handling it and marking it handled). A
    /// command that creates something keeps it with what it created, so a second delivery finds the first result
    /// instead of creating another. Null when the transport has none (the HTTP API, the CLI).
    /// </summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// A chat command: its name, help, argument syntax and how parsed arguments become a typed request.
/// Register with <c>services.AddCommand(descriptor)</c>; the host builds <c>/help</c> and the transports'
/// command menus from the registry.
/// </summary>
/// <param name="Name">Lowercase, <c>[a-z0-9_]{1,32}</c>, without the slash.</param>
/// <param name="Description">One line, shown in help and menus.</param>
/// <param name="Usage">Argument syntax, e.g. <c>&lt;prompt&gt; [--model M]</c>.</param>
/// <param name="Flags">Accepted flags; any other flag is an error.</param>
/// <param name="Bind">
/// Turns parsed arguments into the request to send; throws <see cref="CommandSyntaxException"/> for bad arguments. The
/// request answers a <see cref="Reply"/>, or a result (a view, a report) that an <see cref="IReplyRenderer{TResult}"/>
/// renders for chat.
/// </param>
public sealed record CommandDescriptor(
    string Name,
    string Description,
    string Usage,
    IReadOnlyList<FlagSpec> Flags,
    Func<CommandArguments, CommandContext, IBaseRequest> Bind)
{
    /// <summary>Shown only to admins in help and menus (the request itself must also be admin-only).</summary>
    public bool AdminOnly { get; init; }
}
