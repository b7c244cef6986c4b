import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from './server';
import { ManualClock } from './clock';
import { api, mp4, png, signIn, startSandboxForTest } from './test-support';

let sb: Sandbox;
// Media processing advances with this clock, which the tests move instead of waiting.
const clock = new ManualClock();
let alice: string;
let bob: string;

type MediaData = {
  data: {
    id: string;
    media_key: string;
    size?: number;
    expires_after_secs: number;
    image?: { image_type: string; w: number; h: number };
    processing_info?: { state: string; check_after_secs?: number; progress_percent?: number };
  };
};

beforeAll(async () => {
  sb = await startSandboxForTest({ mediaProcessingMs: 600, clock });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  alice = (await signIn(sb.url, 'alice')).access_token;
  bob = (await signIn(sb.url, 'bob')).access_token;
});

async function multipart(token: string, path: string, fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append(file.name, new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), 'upload.bin');
  const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('simple upload: POST /2/media/upload', () => {
  it('uploads an image (multipart) and a post can attach it', async () => {
    const r = await multipart(alice, '/2/media/upload', { media_category: 'tweet_image' }, { name: 'media', data: png(640, 480), type: 'image/png' });
    expect(r.status).toBe(200);
    const data = (r.body as MediaData).data;
    expect(data.id).toMatch(/^\d+$/);
    expect(data.media_key).toBe(`3_${data.id}`);
    expect(data.image).toEqual({ image_type: 'image/png', w: 640, h: 480 });
    expect(data.processing_info).toBeUndefined();
    expect(data.expires_after_secs).toBeGreaterThan(86_000);
    expect(r.headers.get('x-rate-limit-limit')).toBe('500');

    const alt = await api(sb.url, alice, 'POST', '/2/media/metadata', { id: data.id, metadata: { alt_text: { text: 'A test card' } } });
    expect(alt.status).toBe(200);
    expect(alt.body).toEqual({ data: { id: data.id, associated_metadata: { alt_text: { text: 'A test card' } } } });

    const post = await api<{ data: { id: string } }>(sb.url, alice, 'POST', '/2/tweets', { text: 'with a picture', media: { media_ids: [data.id] } });
    expect(post.status).toBe(201);
    const all = (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as { media_ids: string[] }[];
    expect(all[0]?.media_ids).toEqual([data.id]);
  });

  it('accepts a JSON body with base64 media', async () => {
    const r = await api<MediaData>(sb.url, alice, 'POST', '/2/media/upload', { media: png(10, 20).toString('base64'), media_category: 'tweet_image' });
    expect(r.status).toBe(200);
    expect(r.body.data.image).toMatchObject({ w: 10, h: 20 });
  });

  it('enforces X’s size limit for images (5 MB)', async () => {
    const r = await multipart(alice, '/2/media/upload', { media_category: 'tweet_image' }, { name: 'media', data: png(1, 1, 5 * 1024 * 1024 + 1), type: 'image/png' });
    expect(r.status).toBe(400);
    expect(r.body.title).toBe('Invalid Request');
  });

  it('validates against X’s MediaUploadRequest schema', async () => {
    const noCategory = await multipart(alice, '/2/media/upload', {}, { name: 'media', data: png(1, 1) });
    expect(noCategory.status).toBe(400);
    expect(JSON.stringify(noCategory.body)).toContain('$.media_category: is missing but it is required');
    const badCategory = await api(sb.url, alice, 'POST', '/2/media/upload', { media: 'aGk=', media_category: 'wallpaper' });
    expect(badCategory.status).toBe(400);
  });

  it('needs the media.write scope', async () => {
    const noMedia = (await signIn(sb.url, 'carol', ['tweet.read', 'tweet.write', 'users.read'])).access_token;
    const r = await multipart(noMedia, '/2/media/upload', { media_category: 'tweet_image' }, { name: 'media', data: png(1, 1) });
    expect(r.status).toBe(403);
  });

  it('refuses media of another user or unknown ids in a post', async () => {
    const r = await multipart(alice, '/2/media/upload', { media_category: 'tweet_image' }, { name: 'media', data: png(2, 2) });
    const id = (r.body as MediaData).data.id;
    const bobs = await api<{ errors: { message: string; parameters: Record<string, string[]> }[] }>(sb.url, bob, 'POST', '/2/tweets', { text: 'stolen', media: { media_ids: [id] } });
    expect(bobs.status).toBe(400);
    expect(bobs.body.errors[0]).toEqual({ parameters: { 'media.media_ids': [id] }, message: 'Your media IDs are invalid.' });
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'ghost', media: { media_ids: ['42'] } })).status).toBe(400);
  });
});

describe('chunked upload: initialize, append, finalize, status', () => {
  it('uploads a video, processes it (pending → in_progress → succeeded), then a post attaches it', async () => {
    const video = mp4(2_500_000);
    const init = await api<MediaData>(sb.url, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: video.length, media_category: 'tweet_video' });
    expect(init.status).toBe(200);
    const id = init.body.data.id;
    expect(init.body.data.media_key).toBe(`7_${id}`);

    const chunk = 1024 * 1024;
    for (let i = 0; i * chunk < video.length; i++) {
      const part = video.subarray(i * chunk, (i + 1) * chunk);
      const r = await multipart(alice, `/2/media/upload/${id}/append`, { segment_index: String(i) }, { name: 'media', data: part });
      expect(r.status).toBe(200);
      expect((r.body as { data: { expires_at: number } }).data.expires_at).toBeGreaterThan(Date.now() / 1000);
    }

    const early = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'too early', media: { media_ids: [id] } });
    expect(early.status).toBe(400);

    const fin = await api<MediaData>(sb.url, alice, 'POST', `/2/media/upload/${id}/finalize`);
    expect(fin.status).toBe(200);
    expect(fin.body.data.size).toBe(video.length);
    expect(fin.body.data.processing_info).toMatchObject({ state: 'pending', check_after_secs: 1 });

    const stillProcessing = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'still too early', media: { media_ids: [id] } });
    expect(stillProcessing.status).toBe(400);

    const state = async () => {
      const st = await api<MediaData>(sb.url, alice, 'GET', `/2/media/upload?command=STATUS&media_id=${id}`);
      expect(st.status).toBe(200);
      return st.body.data.processing_info?.state ?? 'none';
    };
    clock.advance(300);
    expect(await state()).toBe('in_progress');
    const stillInProgress = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'still processing', media: { media_ids: [id] } });
    expect(stillInProgress.status).toBe(400);
    clock.advance(300);
    expect(await state()).toBe('succeeded');

    const post = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'a video', media: { media_ids: [id] } });
    expect(post.status).toBe(201);
  });

  it('refuses a finalize whose segments do not add up, and appends beyond total_bytes', async () => {
    const init = await api<MediaData>(sb.url, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 1000, media_category: 'tweet_video' });
    const id = init.body.data.id;
    await multipart(alice, `/2/media/upload/${id}/append`, { segment_index: '0' }, { name: 'media', data: mp4(600) });
    const fin = await api<{ errors: { message: string }[] }>(sb.url, alice, 'POST', `/2/media/upload/${id}/finalize`);
    expect(fin.status).toBe(400);
    expect(fin.body.errors[0]?.message).toBe('Segments do not add up to provided total file size.');
    const over = await multipart(alice, `/2/media/upload/${id}/append`, { segment_index: '1' }, { name: 'media', data: Buffer.alloc(500) });
    expect(over.status).toBe(400);
    const other = await multipart(bob, `/2/media/upload/${id}/append`, { segment_index: '1' }, { name: 'media', data: Buffer.alloc(400) });
    expect(other.status).toBe(400);
  });

  it('enforces the video size limit at initialize and validates the JSON body', async () => {
    const big = await api(sb.url, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 512 * 1024 * 1024 + 1, media_category: 'tweet_video' });
    expect(big.status).toBe(400);
    const bad = await api(sb.url, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/avi', total_bytes: 10 });
    expect(bad.status).toBe(400);
    const mismatch = await api(sb.url, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 10, media_category: 'tweet_image' });
    expect(mismatch.status).toBe(400);
  });

  it('reports failed processing and a post cannot use that media', async () => {
    const init = await api<MediaData>(sb.url, alice, 'POST', '/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 100, media_category: 'tweet_video' });
    const id = init.body.data.id;
    await multipart(alice, `/2/media/upload/${id}/append`, { segment_index: '0' }, { name: 'media', data: mp4(100) });
    await api(sb.url, alice, 'POST', `/2/media/upload/${id}/finalize`);
    await fetch(`${sb.url}/__sandbox/media/${id}/fail`, { method: 'POST' });
    const st = await api<MediaData>(sb.url, alice, 'GET', `/2/media/upload?command=STATUS&media_id=${id}`);
    expect(st.body.data.processing_info?.state).toBe('failed');
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'broken video', media: { media_ids: [id] } })).status).toBe(400);
  });

  it('accepts the command=INIT/APPEND/FINALIZE form of POST /2/media/upload', async () => {
    const init = await multipart(alice, '/2/media/upload', { command: 'INIT', media_type: 'image/png', total_bytes: '100', media_category: 'tweet_image' });
    expect(init.status).toBe(200);
    const id = (init.body as MediaData).data.id;
    const app = await multipart(alice, '/2/media/upload', { command: 'APPEND', media_id: id, segment_index: '0' }, { name: 'media', data: png(3, 4, 100) });
    expect(app.status).toBe(200);
    const fin = await multipart(alice, '/2/media/upload', { command: 'FINALIZE', media_id: id });
    expect(fin.status).toBe(200);
    expect((fin.body as MediaData).data.image).toMatchObject({ w: 3, h: 4 });
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'legacy upload', media: { media_ids: [id] } })).status).toBe(201);
  });

  it('allows up to 4 images, but a video only alone', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(((await multipart(alice, '/2/media/upload', { media_category: 'tweet_image' }, { name: 'media', data: png(i + 1, 1) })).body as MediaData).data.id);
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'four', media: { media_ids: ids } })).status).toBe(201);
    const five = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'five', media: { media_ids: [...ids, ids[0]] } });
    expect(five.status).toBe(400);
    await fetch(`${sb.url}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mediaProcessingMs: 0 }) });
    const gif = await multipart(alice, '/2/media/upload', { media_category: 'tweet_gif' }, { name: 'media', data: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') });
    expect(gif.status).toBe(200);
    const gifId = (gif.body as MediaData).data.id;
    expect((gif.body as MediaData).data.media_key).toBe(`16_${gifId}`);
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'gif + image', media: { media_ids: [gifId, ids[1]] } })).status).toBe(400);
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'gif alone', media: { media_ids: [gifId] } })).status).toBe(201);
  });
});
