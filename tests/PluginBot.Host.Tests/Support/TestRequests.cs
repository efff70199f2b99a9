using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Events;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Tests.Support;

/// <summary>A request any allowed user may send, with two validated fields and a chat command.</summary>
public static class Probe
{
    public sealed record Command(string Name, int Times) : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new(
        "probe", "Echo a name", "<name> [--times N] [--loud]",
        [new FlagSpec("times", TakesValue: true, "How often"), new FlagSpec("loud", TakesValue: false, "Shout")],
        (args, _) => new Command(args.Required(0, "a name"), (int)(args.Number("times") ?? 1)));

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(10);
            RuleFor(c => c.Times).InclusiveBetween(1, 5);
        }
    }

    public sealed class Handler(IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken) =>
            Task.FromResult(Reply.Plain(string.Join(' ', Enumerable.Repeat(request.Name, request.Times)) + $" (as {actor.Current!.Kind})"));
    }
}

[Access(AccessLevel.AdminOnly)]
public sealed record AdminOnlyProbe : IRequest<string>;

public sealed class AdminOnlyProbeHandler : IRequestHandler<AdminOnlyProbe, string>
{
    public Task<string> Handle(AdminOnlyProbe request, CancellationToken cancellationToken) => Task.FromResult("admin ok");
}

[Access(AccessLevel.Owner)]
public sealed record OwnedProbe(long OwnerId) : IRequest<string>;

public sealed class OwnedProbeHandler : IRequestHandler<OwnedProbe, string>
{
    public Task<string> Handle(OwnedProbe request, CancellationToken cancellationToken) => Task.FromResult("owner ok");
}

public sealed class OwnedProbeAuthorizer : IRequestAuthorizer<OwnedProbe>
{
    public ValueTask<bool> IsOwnerAsync(OwnedProbe request, Actor actor, CancellationToken cancellationToken) => ValueTask.FromResult(request.OwnerId == actor.Id);
}

/// <summary>Owner-only, but nobody registered an authorizer: everyone but admins is refused.</summary>
[Access(AccessLevel.Owner)]
public sealed record UnownedProbe : IRequest<string>;

public sealed class UnownedProbeHandler : IRequestHandler<UnownedProbe, string>
{
    public Task<string> Handle(UnownedProbe request, CancellationToken cancellationToken) => Task.FromResult("ok");
}

[Audited]
public sealed record AuditedProbe(string Name, [Secret] string Credential, string Password, bool Fail) : IRequest<string>;

public sealed class AuditedProbeHandler : IRequestHandler<AuditedProbe, string>
{
    public Task<string> Handle(AuditedProbe request, CancellationToken cancellationToken) =>
        request.Fail ? throw new ConflictException("probe refused") : Task.FromResult("done");
}

/// <summary>A streamed response: its audit row and log line must reflect how the stream really ended.</summary>
[Audited]
public sealed record CountProbe(int To, bool FailHalfway) : IRequest<StreamingResult<int>>;

public sealed class CountProbeHandler : IRequestHandler<CountProbe, StreamingResult<int>>
{
    public Task<StreamingResult<int>> Handle(CountProbe request, CancellationToken cancellationToken) =>
        Task.FromResult(new StreamingResult<int>(Count(request, CancellationToken.None)));

    private static async IAsyncEnumerable<int> Count(CountProbe request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= request.To; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (request.FailHalfway && i > request.To / 2)
            {
                throw new InvalidOperationException("stream broke");
            }

            yield return i;
        }
    }
}

/// <summary>What event handlers saw, by a per-test key.</summary>
public sealed class EventRecorder
{
    public ConcurrentQueue<(string Handler, string Key, Actor? Actor)> Seen { get; } = new();

    public int Count(string handler, string key) => Seen.Count(s => s.Handler == handler && s.Key == key);
}

public sealed record Pinged(string Key, bool Throw, bool Hang) : INotification;

public sealed class PingedRecorder(EventRecorder recorder, IActorAccessor actor) : INotificationHandler<Pinged>
{
    public Task Handle(Pinged notification, CancellationToken cancellationToken)
    {
        recorder.Seen.Enqueue((nameof(PingedRecorder), notification.Key, actor.Current));
        return Task.CompletedTask;
    }
}

public sealed class PingedThrower : INotificationHandler<Pinged>
{
    public Task Handle(Pinged notification, CancellationToken cancellationToken) =>
        notification.Throw ? throw new InvalidOperationException("subscriber bug") : Task.CompletedTask;
}

public sealed class PingedHanger(EventRecorder recorder) : INotificationHandler<Pinged>
{
    public async Task Handle(Pinged notification, CancellationToken cancellationToken)
    {
        if (notification.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                recorder.Seen.Enqueue((nameof(PingedHanger) + ".cancelled", notification.Key, null));
                throw;
            }
        }
    }
}

public sealed record NoteSaved(string DedupeKey, string Text) : IDurableEvent;

public sealed class NoteSavedRecorder(EventRecorder recorder, IActorAccessor actor) : INotificationHandler<NoteSaved>
{
    public Task Handle(NoteSaved notification, CancellationToken cancellationToken)
    {
        recorder.Seen.Enqueue((nameof(NoteSavedRecorder), notification.DedupeKey, actor.Current));
        return Task.CompletedTask;
    }
}

public sealed class UserDeniedRecorder(EventRecorder recorder) : INotificationHandler<UserDenied>
{
    public Task Handle(UserDenied notification, CancellationToken cancellationToken)
    {
        recorder.Seen.Enqueue((nameof(UserDeniedRecorder), $"{notification.UserId} by {notification.DeniedBy}", null));
        return Task.CompletedTask;
    }
}

/// <summary>A command whose request answers a view, not a reply: the chat renderer below turns it into one.</summary>
public static class ViewProbe
{
    public sealed record View(string Name, string SeenAs);

    public sealed record Query(string Name) : IRequest<View>;

    /// <summary>Answers a view nobody registered a renderer for.</summary>
    public sealed record Unrendered(string Name) : IRequest<Unrendered.Result>
    {
        public sealed record Result(string Name);
    }

    public static readonly CommandDescriptor Descriptor = new("viewprobe", "Show a view", "<name>", [], (args, _) => new Query(args.Required(0, "a name")));

    public static readonly CommandDescriptor UnrenderedDescriptor = new("unrendered", "Show a view with no renderer", "<name>", [], (args, _) => new Unrendered(args.Required(0, "a name")));

    public sealed class Handler(IActorAccessor actor) : IRequestHandler<Query, View>, IRequestHandler<Unrendered, Unrendered.Result>
    {
        public Task<View> Handle(Query request, CancellationToken cancellationToken) => Task.FromResult(new View(request.Name, actor.Current!.ToString()));

        public Task<Unrendered.Result> Handle(Unrendered request, CancellationToken cancellationToken) => Task.FromResult(new Unrendered.Result(request.Name));
    }

    public sealed class Renderer : IReplyRenderer<View>
    {
        public ValueTask<Reply> RenderAsync(View result, CommandContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Reply.Plain($"{result.Name}, seen as {result.SeenAs}, in {context.Conversation.ChatId}"));
    }
}
