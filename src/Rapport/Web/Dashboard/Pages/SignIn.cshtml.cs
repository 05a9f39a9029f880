using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web.Dashboard.Pages;

internal sealed class SignInModel(IRapportStore store, SignInLockout lockout) : PageModel
{
    public string? Error { get; private set; }

    public string? Email { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        Email = email;
        if (!string.IsNullOrWhiteSpace(email) && await lockout.LockedForAsync(email, cancellationToken) is { } locked)
        {
            // Refused before the password is checked, so a locked email cannot be guessed at either.
            Error = $"Too many failed sign-ins for this email; try again in {Math.Ceiling(locked.TotalMinutes):0} minutes.";
            return Page();
        }

        var user = string.IsNullOrWhiteSpace(email) ? null : await store.FindUserAsync(email, cancellationToken);
        var hash = user is null ? null : await store.GetPasswordHashAsync(user.Id, cancellationToken);
        if (user is null || hash is null || string.IsNullOrEmpty(password) || !UserPasswords.Verify(hash, password))
        {
            // One message whatever was wrong, so the form does not tell which emails have accounts.
            Error = "That email and password do not match an account.";
            if (!string.IsNullOrWhiteSpace(email))
            {
                await lockout.FailedAsync(email, cancellationToken);
            }

            return Page();
        }

        await lockout.SucceededAsync(email!, cancellationToken);
        await store.RecordSignInAsync(user.Id, cancellationToken);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.Principal(user));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
