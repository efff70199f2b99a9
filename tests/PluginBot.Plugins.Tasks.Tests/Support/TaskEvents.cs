using System.Collections.Concurrent;
using MediatR;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Tests.Support;

/// <summary>The public task events delivered so far, in the order they arrived.</summary>
public sealed class TaskEvents
{
    public ConcurrentQueue<TaskStateChanged> Changes { get; } = new();

    public ConcurrentQueue<TaskFinished> Finished { get; } = new();

    public IReadOnlyList<TaskStateChanged> ChangesOf(string taskId) => [.. Changes.Where(c => c.TaskId == taskId).OrderBy(c => c.Version)];
}

/// <summary>A handler of another plugin would look like this: it only needs Abstractions.</summary>
internal sealed class TaskEventRecorder(TaskEvents events) : INotificationHandler<TaskStateChanged>, INotificationHandler<TaskFinished>
{
    public Task Handle(TaskStateChanged notification, CancellationToken cancellationToken)
    {
        events.Changes.Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task Handle(TaskFinished notification, CancellationToken cancellationToken)
    {
        events.Finished.Enqueue(notification);
        return Task.CompletedTask;
    }
}

/// <summary>Every request the pipeline ran, by type name and the transport of its actor.</summary>
public sealed class SentRequests
{
    public ConcurrentQueue<(string Request, string? Transport, object Value)> All { get; } = new();
}

internal sealed class RecordingBehavior<TRequest, TResponse>(SentRequests sent, PluginBot.Abstractions.Actors.IActorAccessor actor) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        sent.All.Enqueue((typeof(TRequest).Name, actor.Current?.Transport, request!));
        return next();
    }
}
