using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Engine;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <see cref="EnqueueTask"/>, the one way a task is queued (by <c>/task</c>, <c>POST /api/tasks</c>, a schedule, a
/// plugin): checks the draft, settles who owns it and answers the task's view.
/// </summary>
internal sealed class EnqueueTaskHandler(TaskCreator creator, TaskViews views, IActorAccessor actor, IUserDirectory users) : IRequestHandler<EnqueueTask, TaskView>
{
    public async Task<TaskView> Handle(EnqueueTask request, CancellationToken cancellationToken)
    {
        var sender = actor.Current!;
        var owner = await OwnerAsync(request.Owner ?? sender, sender, cancellationToken);
        var draft = new TaskDraft(request.Prompt ?? "", request.Model, request.Budget, request.Project, request.After, request.Conversation)
        {
            Executor = request.Executor,
            Arguments = request.Arguments,
            IdempotencyKey = request.IdempotencyKey,
            Origin = request.Origin ?? sender.Transport,
        };
        var (task, _) = await creator.CreateOnceAsync(draft, owner, sender, cancellationToken);
        return await views.OneAsync(task, cancellationToken);
    }

    /// <summary>A task runs as a person (or the admin token); only admins and the bot may queue one for someone else.</summary>
    private async Task<Actor> OwnerAsync(Actor owner, Actor sender, CancellationToken cancellationToken)
    {
        if (owner.Kind == ActorKind.System)
        {
            throw new RequestValidationException([new FieldError("owner", "a task runs as a person: set EnqueueTask.Owner to the user it is for")]);
        }

        if (owner.Id == sender.Id && owner.Kind == sender.Kind)
        {
            return sender;
        }

        if (!sender.IsPrivileged)
        {
            throw new ForbiddenException("Only admins and the bot itself can queue a task for someone else.");
        }

        return owner.Id == 0
            ? owner
            : await users.ResolveAsync(owner.Id, owner.Transport, cancellationToken)
                ?? throw new RequestValidationException([new FieldError("owner", $"user {owner.Id} is not on the allow-list, so no task can run as them")]);
    }
}
