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
/// otherwise. Without a name, a picker.
/// </summary>
public static class SetProject
{
    public const string None = "none";

    public static readonly CommandDescriptor Descriptor = new(
        "project", "Choose this chat's project (a picker without a name)", "[name | none]", [],
        (arguments, context) => new Command(arguments.Positional.Count == 0 ? null : arguments.Text, context.Conversation));

    /// <param name="Name">The project, <see cref="None"/> to clear it, or null for the picker.</param>
    /// <param name="Conversation">The chat it applies to.</param>
    /// <param name="FromPicker">Pressed in the picker: the answer replaces it.</param>
    [Audited]
    public sealed record Command(string? Name, ConversationReference Conversation, bool FromPicker = false) : IRequest<Reply>;

    internal sealed class Handler(IProjectRegistry projects, ISettingsStore settings, IButtonTokens buttons, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var scope = new SettingScope.Chat(request.Conversation);
            if (request.Name is null)
            {
                return await PickerAsync(request.Conversation, cancellationToken);
            }

            if (string.Equals(request.Name.Trim(), None, StringComparison.OrdinalIgnoreCase))
            {
                await settings.SetAsync(SettingKeys.Project, scope, null, cancellationToken);
                return Reply.Plain("This chat has no project now; new tasks belong to none.") with { ReplacesOrigin = request.FromPicker };
            }

            var project = projects.Find(request.Name.Trim()) ?? throw new NotFoundException(projects.All.Count == 0
                ? $"There is no project '{request.Name}': none is configured (Projects:0:Name and Projects:0:Path in the settings)."
                : $"There is no project '{request.Name}'. The projects are {string.Join(", ", projects.All.Select(p => p.Name))}.");
            await settings.SetAsync(SettingKeys.Project, scope, project.Name, cancellationToken);
            return Reply.Plain($"Project set to {project.Name} for this chat; new tasks belong to it.") with { ReplacesOrigin = request.FromPicker };
        }

        private async Task<Reply> PickerAsync(ConversationReference conversation, CancellationToken cancellationToken)
        {
            if (projects.All.Count == 0)
            {
                return Reply.Plain("No projects are configured. An admin adds them in the settings: Projects:0:Name (and :Path).");
            }

            var current = await settings.ResolveAsync(SettingKeys.Project, actor.Current!.Id, conversation, cancellationToken: cancellationToken);
            var rows = new List<IReadOnlyList<ReplyButton>>();
            foreach (var project in projects.All.Append(new ProjectInfo(None, null)))
            {
                var token = await buttons.IssueAsync(new Command(project.Name, conversation, FromPicker: true), actor.Current, TimeSpan.FromHours(1), cancellationToken);
                var label = string.Equals(project.Name, current, StringComparison.OrdinalIgnoreCase) ? $"✓ {project.Name}" : project.Name;
                rows.Add([new ReplyButton(label, token)]);
            }

            return Reply.Plain($"This chat's project: {current ?? "none"}. Choose one:") with { Buttons = rows };
        }
    }
}
