/**
 * Files sent with a form (the enquiry's records, the portal's uploads): the limits the form
 * is read with, and the files checked by content. A problem comes back as its message key
 * (enquiry:errors.file.*) with the values it shows, for the action to translate.
 */
import { env } from "~/env.server";
import {
  checkFiles,
  MAX_FILES_PER_UPLOAD,
  UploadError,
  type CheckedFile,
} from "~/infra/document-store.server";
import type { FormLimits, ParsedForm } from "~/infra/form-data.server";

export interface UploadProblem {
  key: string;
  values: Record<string, string | number>;
}

/** The largest file, in MB, as the forms' hints say it. */
export function maxUploadMb() {
  return Math.floor(env().UPLOAD_MAX_BYTES / (1024 * 1024));
}

/** How a form with files is read: files over the size are cut, files over the count dropped. */
export function uploadLimits(): FormLimits {
  return { maxFileBytes: env().UPLOAD_MAX_BYTES, maxFiles: MAX_FILES_PER_UPLOAD };
}

/** A refusal from the document store as a message. */
export function uploadProblem(error: UploadError): UploadProblem {
  return {
    key: `enquiry:errors.file.${error.problem}`,
    values: {
      name: error.fileName,
      max: error.problem === "tooMany" ? MAX_FILES_PER_UPLOAD : maxUploadMb(),
    },
  };
}

/**
 * The form's files, checked: too many, too large, or not what they claim to be is a problem.
 * With `required`, no file at all is one too.
 */
export async function checkUploads(
  form: ParsedForm,
  required = false,
): Promise<
  { files: CheckedFile[]; problem?: undefined } | { files?: undefined; problem: UploadProblem }
> {
  if (form.tooManyFiles) {
    return {
      problem: { key: "enquiry:errors.file.tooMany", values: { max: MAX_FILES_PER_UPLOAD } },
    };
  }
  if (form.oversized.length) {
    return {
      problem: {
        key: "enquiry:errors.file.tooLarge",
        values: { name: form.oversized[0]!, max: maxUploadMb() },
      },
    };
  }
  if (required && form.files.length === 0) {
    return { problem: { key: "portal:documents.noFile", values: {} } };
  }
  try {
    return { files: await checkFiles(form.files) };
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    return { problem: uploadProblem(error) };
  }
}
