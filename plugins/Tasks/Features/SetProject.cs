using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <c>/project [name|none]</c>: the chat's current project, which new tasks belong to unless <c>--project</c> says
/// otherwise (in a group, only its admins change it). Without a name, a picker. With <c>--mine</c>, the sender's own
/// project, used in chats that have none.
/// </summary>
public static class SetProject
{
    public const string None = "none";

    public const string Mine = "mine";

    public const string Refusal =
        "Only an admin of this group (or of the bot) can change its project. To set your own, used in chats that have not chosen one, send /project <name> --mine.";

    public static readonly CommandDescriptor Descriptor = new(
        "project", "Choose this chat's project (a picker without a name)", "[name | none] [--mine]",
        [new FlagSpec(Mine, false, "Your own project, for chats that have none")],
        (arguments, context) => new Command(arguments.Positional.Count == 0 ? null : arguments.Text, context.Conversation, Mine: arguments.Has(Mine)));

    /// <param name="Name">The project, <see cref="None"/> to clear it, or null for the picker.</param>
    /// <param name="Conversation">The chat it applies to.</param>
    /// <param name="FromPicker">Pressed in the picker: the answer replaces it.</param>
    /// <param name="Mine">The sender's own project rather than the chat's.</param>
    [Audited]
    public sealed record Command(string? Name, ConversationReference Conversation, bool FromPicker = false, bool Mine = false) : IRequest<Reply>;

    internal sealed class Handler(IProjectRegistry projects, ISettingsStore settings, IButtonTokens buttons, IConversationRoles roles, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var asker = actor.Current!;
            if (!request.Mine && !await roles.MayChangeForEveryoneAsync(request.Conversation, asker, cancellationToken))
            {
                throw new ForbiddenException(Refusal);
            }

            SettingScope scope = request.Mine ? new SettingScope.User(asker.Id) : new SettingScope.Chat(request.Conversation);
            var whose = request.Mine ? "You have" : "This chat has";
            if (request.Name is null)
            {
                return await PickerAsync(request, scope, cancellationToken);
            }

            if (string.Equals(request.Name.Trim(), None, StringComparison.OrdinalIgnoreCase))
            {
                await settings.SetAsync(SettingKeys.Project, scope, null, cancellationToken);
                return Reply.Plain($"{whose} no project now; new tasks belong to none.") with { ReplacesOrigin = request.FromPicker };
            }

            var project = projects.Find(request.Name.Trim()) ?? throw new NotFoundException(projects.All.Count == 0
                ? $"There is no project '{request.Name}': none is configured (Projects:0:Name and Projects:0:Path in the settings)."
                : $"There is no project '{request.Name}'. The projects are {string.Join(", ", projects.All.Select(p => p.Name))}.");
            await settings.SetAsync(SettingKeys.Project, scope, project.Name, cancellationToken);
            var text = request.Mine
                ? $"Your own project is {project.Name} now, in chats that have none; new tasks you start there belong to it."
                : $"Project set to {project.Name} for this chat; new tasks belong to it.";
            return Reply.Plain(text) with { ReplacesOrigin = request.FromPicker };
        }

        private async Task<Reply> PickerAsync(Command request, SettingScope scope, CancellationToken cancellationToken)
        {
            if (projects.All.Count == 0)
            {
                return Reply.Plain("No projects are configured. An admin adds them in the settings: Projects:0:Name (and :Path).");
            }

            var current = request.Mine
                ? await settings.GetAsync(SettingKeys.Project, scope, cancellationToken)
                : await settings.ResolveAsync(SettingKeys.Project, actor.Current!.Id, request.Conversation, cancellationToken: cancellationToken);
            var rows = new List<IReadOnlyList<ReplyButton>>();
            foreach (var project in projects.All.Append(new ProjectInfo(None, null)))
            {
                var token = await buttons.IssueAsync(new Command(project.Name, request.Conversation, FromPicker: true, request.Mine), actor.Current, TimeSpan.FromHours(1), cancellationToken);
                var label = string.Equals(project.Name, current, StringComparison.OrdinalIgnoreCase) ? $"✓ {project.Name}" : project.Name;
                rows.Add([new ReplyButton(label, token)]);
            }

            var title = request.Mine ? "Your own project" : "This chat's project";
            return Reply.Plain($"{title}: {current ?? "none"}. Choose one:") with { Buttons = rows };
        }
    }
}
