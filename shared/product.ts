/** Product identity shared by the app and its packaging. */

/** The application id: electron-builder's `appId`, which is also the Windows AppUserModelId toasts are grouped by. */
export const APP_ID = 'app.chattray.desktop'

/** The name users see. */
export const PRODUCT_NAME = 'Chat Tray'
