using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Features;

/// <summary>A plain message: queue its answer and return at once (the answer streams into a live reply).</summary>
public static class Ask
{
    public const int MaxLength = 200_000;

    public static readonly TextMessageRoute Route = new("chat", (text, context) => new Command(text, context.Conversation));

    public sealed record Command(string Text, ConversationReference Conversation) : IRequest<Reply>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Text)
                .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("is empty: write what to ask")
                .MaximumLength(MaxLength).WithMessage($"is longer than {MaxLength} characters: send it in parts, or as a file to a tool that reads files");
    }

    internal sealed class Handler(AnswerRunner runner, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var asker = actor.Current ?? throw new InvalidOperationException("The pipeline lets no request through without an actor.");
            runner.Enqueue(new TurnRequest(ConversationKey.Of(request.Conversation, asker.Id), request.Conversation, asker, request.Text));
            return Task.FromResult(Reply.None);
        }
    }
}
