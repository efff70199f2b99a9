using PluginBot.Abstractions.Actors;

namespace PluginBot.Host.Identity;

internal sealed class ActorAccessor : IActorAccessor
{
    public Actor? Current { get; set; }
}
