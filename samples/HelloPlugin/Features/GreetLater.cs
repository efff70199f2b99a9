using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;

namespace HelloPlugin.Features;

/// <summary>
/// <c>/greetlater &lt;name&gt;</c>: has a model write a greeting in a background task, through the Tasks plugin's
/// <see cref="EnqueueTask"/>; <see cref="GreetingTaskRecorder"/> keeps the greeting when the task ends.
/// </summary>
public static class GreetLater
{
    /// <summary>The origin of the tasks this plugin queues; its event handler picks them out by it.</summary>
    public const string Origin = "hello";

    public static readonly CommandDescriptor Descriptor = new(
        Name: "greetlater",
        Description: "Has a model write a greeting in the background",
        Usage: "<name>",
        Flags: [],
        Bind: (arguments, context) => new Command(arguments.Required(0, "a name, e.g. /greetlater Ann"), context.Conversation, context.IdempotencyKey));

    /// <param name="Name">Who to greet.</param>
    /// <param name="Conversation">Where the task reports how it ended.</param>
    /// <param name="DeliveryKey">The transport's key of the message: the same message handled twice queues one task.</param>
    public sealed record Command(string Name, ConversationReference Conversation, string? DeliveryKey) : IRequest<Reply>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Name)
                .MaximumLength(SayHello.MaxNameLength).WithMessage($"a name is at most {SayHello.MaxNameLength} characters")
                .Matches(@"^\p{L}[\p{L} '-]*$").WithMessage("a name is letters, spaces, apostrophes and hyphens");
    }

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            // Sent in the command's scope, so as the person who typed it: the task is theirs, and so is its spend.
            var task = await mediator.Send(
                new EnqueueTask($"Write a one-line greeting for {request.Name}.")
                {
                    Conversation = request.Conversation,
                    Origin = Origin,
                    IdempotencyKey = request.DeliveryKey is { } key ? $"{Origin}:{key}" : null,
                },
                cancellationToken);
            return Reply.Plain($"Task {task.Id} is writing a greeting for {request.Name}; I will keep it when it is done.");
        }
    }
}
