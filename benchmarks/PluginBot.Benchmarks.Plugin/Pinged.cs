using MediatR;

namespace PluginBot.Benchmarks.Plugin;

/// <summary>An event with ten trivial handlers, to measure the isolated publisher.</summary>
public sealed record Pinged(int Value) : INotification;

internal abstract class PingedHandler : INotificationHandler<Pinged>
{
    public Task Handle(Pinged notification, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class PingedHandler01 : PingedHandler;

internal sealed class PingedHandler02 : PingedHandler;

internal sealed class PingedHandler03 : PingedHandler;

internal sealed class PingedHandler04 : PingedHandler;

internal sealed class PingedHandler05 : PingedHandler;

internal sealed class PingedHandler06 : PingedHandler;

internal sealed class PingedHandler07 : PingedHandler;

internal sealed class PingedHandler08 : PingedHandler;

internal sealed class PingedHandler09 : PingedHandler;

internal sealed class PingedHandler10 : PingedHandler;
