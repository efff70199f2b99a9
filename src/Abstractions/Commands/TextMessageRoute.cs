using MediatR;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Abstractions.Commands;

/// <summary>
/// Where messages that are not commands go: <paramref name="Bind"/> turns the text into a request that is sent through
/// the pipeline like a command's. Register one with <c>services.AddTextMessageRoute(route)</c>; when several plugins
/// register one, the first in load order wins and the host logs the others.
/// </summary>
/// <param name="Owner">Who registered it, for that log line (a plugin id).</param>
/// <param name="Bind">Builds the request from the message text and its context.</param>
public sealed record TextMessageRoute(string Owner, Func<string, CommandContext, IBaseRequest> Bind);
