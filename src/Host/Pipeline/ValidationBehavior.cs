using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Errors;

namespace PluginBot.Host.Pipeline;

/// <summary>Runs every validator of the request and reports all failures at once, by field.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        List<FieldError>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            foreach (var failure in result.Errors)
            {
                (errors ??= []).Add(new FieldError(failure.PropertyName, failure.ErrorMessage));
            }
        }

        if (errors is not null)
        {
            throw new RequestValidationException(errors);
        }

        return await next();
    }
}
