/**
 * What a first visit starts with: the size each major platform's feed uses most (4:5 where the feed shows it
 * tallest, 16:9 where it shows landscape), plus a YouTube thumbnail and a TikTok cover. Later visits start
 * from the user's last selection.
 */
export const defaultPresetIds = [
  'instagram-portrait',
  'facebook-feed',
  'x-post',
  'linkedin-post',
  'youtube-thumbnail',
  'tiktok-cover'
] as const;
