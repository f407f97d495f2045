namespace Dashboard.Simulator.Wire;

/// <summary>Every AWS reply, success or error, carries a request id.</summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "x-amzn-RequestId";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[HeaderName] = Guid.NewGuid().ToString();
        return next(context);
    }
}
