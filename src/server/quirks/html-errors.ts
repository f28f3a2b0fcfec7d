import { defineQuirk } from '../quirk-hooks.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export default defineQuirk({
  name: 'html-errors',
  description: 'every error answer is an HTML page (text/html) instead of a SCIM Error',
  oktaSymptom: '"Errors reported by remote server: Invalid JSON: Unrecognized token \'<\'" (§4.1)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.error === undefined || answer.body === undefined) return answer;
      const { status } = answer;
      const text = `<!DOCTYPE html>\n<html><head><title>${status} Error</title></head><body><h1>${status} Error</h1><p>${escapeHtml(op.error.message)}</p></body></html>\n`;
      return { ...answer, body: undefined, text, contentType: 'text/html; charset=UTF-8' };
    },
  }),
});
