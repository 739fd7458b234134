/** The emailed link that lets a new user set a password: `PUBLIC_URL/activate?token=…`. */
export function activationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/activate?token=${encodeURIComponent(token)}`;
}

/** The emailed link that lets a user choose a new password: `PUBLIC_URL/reset-password?token=…`. */
export function passwordResetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}
