using FluentValidation;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Features;

internal sealed class AskModelValidator : AbstractValidator<AskModel.Command>
{
    public AskModelValidator()
    {
        RuleFor(c => c.Prompt).NotEmpty().WithMessage("is empty: write what to ask, e.g. pluginbot ask \"Summarise RFC 9110\"");
        RuleFor(c => c.Prompt).MaximumLength(200_000);
    }
}
