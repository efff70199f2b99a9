using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Plugins.Models.Usage;

/// <summary>
/// Publishes an attempt's <see cref="LlmCallCompleted"/> as the call's actor, in a scope of its own: the caller's
/// scope may be gone by the time a long stream ends, and the host's event bus runs each handler isolated.
/// </summary>
internal sealed class UsagePublisher(IRequestSender sender)
{
    // Never the caller's token: a stopped call is exactly the one whose usage must still be recorded.
    public Task PublishAsync(LlmCallCompleted completed, Actor actor) =>
        sender.PublishAsAsync(actor, completed, CancellationToken.None);
}
