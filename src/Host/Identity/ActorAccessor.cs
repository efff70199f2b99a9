using PluginBot.Abstractions.Actors;

namespace PluginBot.Host.Identity;

/// <summary>The scope's actor. Plugins see it read-only through <see cref="IActorAccessor"/>; only the host sets it.</summary>
internal sealed class ActorAccessor : IActorAccessor
{
    public Actor? Current { get; set; }
}
