using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Usage;

/// <summary>
/// Publishes an attempt's <see cref="LlmCallCompleted"/> as the call's actor, in a scope of its own: the caller's
/// scope may be gone by the time a long stream ends, and the host's event bus runs each handler isolated.
/// </summary>
internal sealed class UsagePublisher(IServiceScopeFactory scopes)
{
    public async Task PublishAsync(LlmCallCompleted completed, Actor actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActorAccessor>().Current = actor;
        // Never the caller's token: a stopped call is exactly the one whose usage must still be recorded.
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(completed, CancellationToken.None);
    }
}
