using MediatR;

namespace PluginBot.TestPlugins.Good;

/// <summary>Adds each ping to the log.</summary>
public sealed class PingedRecorder(PingLog log) : INotificationHandler<Pinged>
{
    public Task Handle(Pinged notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        log.Add(notification.Text);
        return Task.CompletedTask;
    }
}
